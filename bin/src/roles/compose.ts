// One process's roles over one set of dependencies: the queue backend this process needs
// (consuming exactly what its roles consume) and the roles started in order, each registering
// its stop as soon as it is up so that a failure halfway still stops what did start.
import type { Logger } from '@scoreline/ops';
import type { Config } from '@scoreline/config';
import { createQueueBackend, type QueueBackend, type QueueRole } from '@scoreline/queue';
import {
  ROLE_ORDER,
  ROLE_STARTERS,
  queuesConsumedBy,
  type RoleContext,
  type RoleHandles,
  type RoleName,
} from './table';
import { chooseRolePredictor } from './predictor';

/** Where started roles register their stop (npm start's shutdown, the sandbox's closers). */
export interface StopRegistry {
  add(name: string, stop: () => Promise<void> | void): void;
}

/** The line a ROLE=all start without a token prints, once. */
export const NO_TOKEN_NOTICE =
  'The Telegram bot is off: TELEGRAM_BOT_TOKEN is not set (the api and the worker run). ' +
  'To turn it on, create a bot with @BotFather in Telegram and set TELEGRAM_BOT_TOKEN in the ' +
  'environment or in .env. To chat with the bot locally with no token: npm run sandbox.';

/**
 * The queue backend of a process running `roles`: it consumes exactly their queues, and its
 * connections are as patient as its side of the queue needs (see QueueRole).
 */
export function createRoleQueue(
  config: Pick<Config, 'redis' | 'queue' | 'role'>,
  roles: readonly RoleName[],
  logger: Logger,
): QueueBackend {
  const queues = queuesConsumedBy(roles);
  const side: QueueRole =
    queues.length === 0
      ? 'producer'
      : roles.length === 1 && roles[0] === 'worker'
        ? 'worker'
        : 'both';
  return createQueueBackend({
    ...(config.redis ? { redisUrl: config.redis.url } : {}),
    prefix: config.queue.prefix,
    logger,
    role: side,
    consumer: { role: config.role, queues },
  });
}

/**
 * Starts `ctx.roles` in ROLE_ORDER. A ROLE=all process without a token leaves the bot off with
 * one notice; the tgbot role alone without one is refused before it gets here.
 */
export async function startRoles(
  ctx: RoleContext,
  stops: StopRegistry,
): Promise<Partial<RoleHandles>> {
  const started: Partial<RoleHandles> = {};
  // One Predictor for the process, whichever of its roles serve forecasts.
  const shared = { ...ctx, predictor: chooseRolePredictor(ctx) };
  for (const name of ROLE_ORDER) {
    if (!ctx.roles.includes(name)) continue;
    if (name === 'tgbot' && !ctx.config.telegram.token) {
      if (ctx.roles.length === 1)
        throw new Error('TELEGRAM_BOT_TOKEN is not set: the tgbot role cannot start');
      ctx.logger.warn(NO_TOKEN_NOTICE);
      continue;
    }
    const handle = await ROLE_STARTERS[name].start(shared);
    stops.add(name, () => handle.stop());
    (started as Record<RoleName, unknown>)[name] = handle;
  }
  return started;
}
