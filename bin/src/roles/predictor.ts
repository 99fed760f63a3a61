// The process's one Predictor, chosen once from its roles: every role that serves forecasts
// (the api, the bot) asks the same one.
import type { Config } from '@scoreline/config';
import type { Db } from '@scoreline/db';
import type { Logger } from '@scoreline/ops';
import type { QueueBackend } from '@scoreline/queue';
import type { Predictor } from '@scoreline/training';

/**
 * Queue-backed when something consumes `predict` jobs: a worker in another process (over Redis)
 * or in this one; that worker stores what it serves, so the track record holds every forecast.
 * Local, from the champion under MODEL_REGISTRY_PATH, when nothing does (an api alone on the
 * in-process queue), instead of every request timing out.
 */
export function chooseRolePredictor(ctx: {
  config: Pick<Config, 'paths'>;
  db: Db;
  logger: Pick<Logger, 'warn'>;
  roles: readonly string[];
  queue: Pick<QueueBackend, 'kind' | 'request'>;
}): Predictor {
  // Loaded like the apps: only a process that starts a forecasting role needs training.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const training = require('@scoreline/training') as typeof import('@scoreline/training');
  if (predictConsumed(ctx.queue, ctx.roles)) return training.createQueuePredictor(ctx.queue);
  return training.createLocalPredictor({
    db: ctx.db,
    registryDir: ctx.config.paths.modelRegistryPath,
    warn: (line) => ctx.logger.warn(line),
  });
}

/** Whether a `predict` job finds a consumer: another process's worker, or this process's. */
export function predictConsumed(
  queue: Pick<QueueBackend, 'kind'>,
  roles: readonly string[],
): boolean {
  return queue.kind === 'bullmq' || roles.includes('worker');
}
