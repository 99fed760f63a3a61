// ROLE=all as the sandbox runs it: the worker, the api and the bot in this process over one
// SQLite database and one in-process queue, the bot polling the local emulator. Each started
// part registers its own stop, so a failure halfway still closes what did start.
import { createReadiness, startApi } from '@scoreline/api';
import type { Config } from '@scoreline/config';
import { createSqlHeartbeatStore, type Db } from '@scoreline/db';
import { createMetricsRegistry } from '@scoreline/ops';
import { createQueueBackend } from '@scoreline/queue';
import { startTgbot } from '@scoreline/tgbot';
import { startWorkerRole } from '@scoreline/worker';
import { readinessChecks } from '../readiness-checks';
import type { Closers } from './closers';
import type { SandboxLogger } from './logger';

/** A laptop's sandbox answers on loopback only, whatever address a container would use. */
const SANDBOX_HOST = '127.0.0.1';

export interface StartedRoles {
  apiUrl: string;
}

export async function startRoles(
  config: Config,
  deps: { db: Db; logger: SandboxLogger; simulated: boolean; closers: Closers },
): Promise<StartedRoles> {
  const { db, logger, closers } = deps;
  const instance = `sandbox:${process.pid}`;
  const heartbeats = createSqlHeartbeatStore(db);
  const metrics = createMetricsRegistry({
    role: 'all',
    appVersion: config.app.version,
    gitSha: config.app.gitSha,
  });
  const queue = createQueueBackend({ prefix: config.queue.prefix, logger, role: 'both' });
  closers.add('queue', () => queue.close());

  const worker = await startWorkerRole(config, {
    logger,
    heartbeats,
    instance,
    db,
    queue,
    metrics,
  });
  closers.add('worker', () => worker.stop());

  const api = await startApi(
    { ...config, api: { ...config.api, host: SANDBOX_HOST } },
    {
      logger,
      metrics,
      metricsEnabled: config.metrics.enabled,
      readiness: createReadiness({ checks: readinessChecks(config, { db, heartbeats }) }),
      db,
      queue,
    },
  );
  closers.add('api', () => api.stop());

  const tgbot = await startTgbot(config, {
    logger,
    heartbeats,
    instance,
    db,
    queue,
    metrics,
    ...(deps.simulated ? { simulated: true } : {}),
  });
  closers.add('tgbot', () => tgbot.stop());

  return { apiUrl: `http://${SANDBOX_HOST}:${api.port}` };
}
