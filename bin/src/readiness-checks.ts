import type { Check, CheckName } from '@scoreline/api';
import type { Config } from '@scoreline/config';
import { pingDb, type Db } from '@scoreline/db';
import { heartbeatStatus, type HeartbeatStore } from '@scoreline/ops';
import type { Redis } from 'ioredis';

/** The readiness checks of this process, from its real dependencies. */
export function readinessChecks(
  config: Config,
  deps: { db: Db; redis?: Redis; heartbeats: HeartbeatStore },
): Record<CheckName, Check> {
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
  };
}
