// Gates for suites that need real Postgres or Redis (see global-setup.js).
import { describe } from '@jest/globals';

export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

export const hasPostgres = process.env.SCORELINE_TEST_POSTGRES === '1';
export const hasRedis = process.env.SCORELINE_TEST_REDIS === '1';

type Describe = typeof describe.skip;

/** `describe` when Postgres answered in global setup, else `describe.skip`. */
export const describeWithPostgres: Describe = hasPostgres ? describe : describe.skip;
/** `describe` when Redis answered in global setup, else `describe.skip`. */
export const describeWithRedis: Describe = hasRedis ? describe : describe.skip;
