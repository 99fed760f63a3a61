import type { Check, Checks, CheckStatus } from '@scoreline/api';
import type { Config } from '@scoreline/config';
import { getBootstrapState, pingDb, type Db } from '@scoreline/db';
import { heartbeatStatus, type HeartbeatStore } from '@scoreline/ops';
import type { Redis } from 'ioredis';

/** The readiness checks of this process, from its real dependencies. */
export function readinessChecks(
  config: Config,
  deps: { db: Db; redis?: Redis; heartbeats: HeartbeatStore },
): Checks<Check> {
  const beats =
    (role: string): Check =>
    async () =>
      heartbeatStatus(await deps.heartbeats.lastBeats(role), new Date());
  const { redis } = deps;
  return {
    db: async () => {
      await pingDb(deps.db, 700);
      return 'ok';
    },
    redis: redis
      ? async () => ((await redis.ping()) === 'PONG' ? 'ok' : 'fail')
      : () => Promise.resolve('disabled'),
    worker: beats('worker'),
    // In ROLE=all without a token the bot is deliberately off, not missing.
    tgbot:
      config.role === 'all' && !config.telegram.token
        ? () => Promise.resolve('disabled')
        : beats('tgbot'),
    scheduler: config.scheduler.enabled ? beats('scheduler') : () => Promise.resolve('disabled'),
    // The worker (maybe in another container) records the first-start bootstrap in the database;
    // until it is done the bot has no model to answer with.
    ...(config.bootstrap.enabled ? { bootstrap: () => bootstrapStatus(deps.db) } : {}),
  };
}

async function bootstrapStatus(db: Db): Promise<CheckStatus> {
  const state = await getBootstrapState(db);
  if (state?.status === 'done') return 'ok';
  return state?.status === 'failed' ? 'fail' : 'bootstrapping';
}
