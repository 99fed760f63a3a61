import type { Config } from '@scoreline/config';
import type { Db } from '@scoreline/db';
import {
  describeError,
  errorText,
  startHeartbeat,
  type HeartbeatStore,
  type Logger,
} from '@scoreline/ops';
import type { QueueBackend, WorkersHandle } from '@scoreline/queue';
import { runBootstrap, type BootstrapResult, type RetrainOptions } from '@scoreline/training';
import type { Registry } from 'prom-client';
import { createChampionCache } from '@scoreline/training';
import { createJobMetrics } from './job-metrics';
import { createLedgerSealer } from './ledger-sealer';
import { createProcessors, WORKER_JOBS } from './processors';
import { enqueueLiveCatchUp, registerSchedules } from './schedules';

/** The configuration the worker reads. */
export type WorkerRoleConfig = Pick<
  Config,
  | 'scheduler'
  | 'sportmonks'
  | 'footballData'
  | 'paths'
  | 'backup'
  | 'models'
  | 'shutdown'
  | 'retry'
  | 'bootstrap'
>;

export interface WorkerRoleDeps {
  logger: Logger;
  heartbeats: HeartbeatStore;
  /** Identifies this process among replicas in heartbeats (host:pid). */
  instance: string;
  db: Db;
  /** Created by the launcher with role `worker` (or `both` in ROLE=all). */
  queue: QueueBackend;
  metrics: Registry;
  /** Test hooks: the clock, smaller retrain windows, a SportMonks transport. */
  overrides?: {
    now?: () => Date;
    retrainOptions?: Omit<RetrainOptions, 'league'>;
    fetch?: typeof fetch;
    heartbeatIntervalMs?: number;
  };
}

export interface WorkerHandle {
  name: 'worker';
  stop(): Promise<void>;
}

/**
 * Starts the worker role: heartbeat, the processors of every job type but `outbox` (consumed by
 * tgbot), and, with ENABLE_SCHEDULER=1, the recurring jobs plus the `scheduler` heartbeat.
 * `stop()` stops taking jobs, waits for running ones up to SHUTDOWN_TIMEOUT and seals the
 * predictions they stored in the ledger.
 */
export async function startWorkerRole(
  config: WorkerRoleConfig,
  deps: WorkerRoleDeps,
): Promise<WorkerHandle> {
  const { logger, queue } = deps;
  const o = deps.overrides ?? {};
  const beat = (role: string) =>
    startHeartbeat({
      store: deps.heartbeats,
      role,
      instance: deps.instance,
      logger,
      ...(o.heartbeatIntervalMs ? { intervalMs: o.heartbeatIntervalMs } : {}),
    });
  const champions = createChampionCache(deps.db, config.paths.modelRegistryPath, (line) =>
    logger.warn(line),
  );
  const ledger = createLedgerSealer({ db: deps.db, logger });
  const processors = createProcessors({
    config,
    db: deps.db,
    queue,
    logger,
    champions,
    ledger,
    ...(o.now ? { now: o.now } : {}),
    ...(o.retrainOptions ? { retrainOptions: o.retrainOptions } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
  const metrics = createJobMetrics(deps.metrics, queue);

  const heartbeats = [beat('worker')];
  let workers: WorkersHandle | undefined;
  try {
    workers = await queue.startWorkers(metrics.wrap(processors), { only: WORKER_JOBS });
    if (config.scheduler.enabled) {
      const { registered, removed } = await registerSchedules(queue, config);
      heartbeats.push(beat('scheduler'));
      logger.info('schedules registered', {
        schedules: registered.join(','),
        removed: removed.join(','),
        failsafe: config.scheduler.failsafe,
      });
    } else {
      logger.info('scheduler disabled (ENABLE_SCHEDULER=0): no recurring jobs registered');
    }
  } catch (err) {
    await workers?.close(config.shutdown.timeoutMs);
    await ledger.close();
    await Promise.all(heartbeats.map((h) => h.stop()));
    throw err;
  }
  // Predictions a previous worker stored and did not live to seal.
  ledger.request();
  logger.info('worker started', { instance: deps.instance, queues: workers.names.join(',') });
  const bootstrap = startBootstrap(config, deps);
  if (config.scheduler.enabled) {
    // After the bootstrap, so the live files land on the bundled history, not beside its import.
    void (bootstrap?.done ?? Promise.resolve())
      .then(() =>
        stopping ? [] : enqueueLiveCatchUp(queue, config, (o.now ?? (() => new Date()))()),
      )
      .then((sources) => {
        if (sources.length > 0)
          logger.info('live source catch-up queued', { sync: sources.join(',') });
      })
      .catch((err: unknown) =>
        logger.warn('live source catch-up not queued', { error: describeError(err) }),
      );
  }

  const running = workers;
  let stopping: Promise<void> | undefined;
  return {
    name: 'worker',
    stop() {
      // Jobs first: heartbeats keep saying "alive" while in-flight jobs finish.
      stopping ??= (async () => {
        await bootstrap?.stop();
        await running.close(config.shutdown.timeoutMs);
        await ledger.close();
        await Promise.all(heartbeats.map((h) => h.stop()));
        logger.info('worker stopped', { instance: deps.instance });
      })();
      return stopping;
    },
  };
}

/**
 * BOOTSTRAP=1: the first start imports the bundled history and trains every league, in the
 * background so the role serves at once (the api says `bootstrapping` meanwhile); with several
 * workers one does it under a database lease and the others wait. `stop()` ends it between
 * files (the next start resumes) and waits for that.
 */
function startBootstrap(
  config: WorkerRoleConfig,
  deps: WorkerRoleDeps,
): { done: Promise<unknown>; stop(): Promise<void> } | undefined {
  if (!config.bootstrap.enabled) return undefined;
  const { logger } = deps;
  const abort = new AbortController();
  const o = deps.overrides ?? {};
  const run: Promise<BootstrapResult | undefined> = runBootstrap(
    {
      db: deps.db,
      registryDir: config.paths.modelRegistryPath,
      reportsDir: config.paths.reportsDir,
      keep: config.models.keep,
      owner: deps.instance,
      log: (line) => logger.info(line),
      warn: (line) => logger.warn(line),
      ...(o.now ? { now: o.now } : {}),
    },
    {
      historyDir: config.bootstrap.historyDir,
      signal: abort.signal,
      ...(o.retrainOptions ? { retrainOptions: o.retrainOptions } : {}),
    },
  ).catch((err: unknown) => {
    // The database went away mid-bootstrap: the next start resumes.
    logger.error(`bootstrap: ${errorText(err)}`);
    return undefined;
  });
  return {
    done: run,
    async stop() {
      abort.abort();
      await run;
    },
  };
}
