// The one table of processors: every job type the worker consumes maps to its factory here.
import type { Logger } from '@scoreline/ops';
import type { Config } from '@scoreline/config';
import type { Db } from '@scoreline/db';
import { ALL_JOB_NAMES, type JobName, type Processors, type QueueBackend } from '@scoreline/queue';
import type { RetrainOptions } from '@scoreline/training';
import type { ChampionCache } from '@scoreline/training';
import { createAlertScan } from '../betting/alert-scan';
import type { LedgerSealer } from '../ledger-sealer';
import { createDigestProcessor } from './digest.processor';
import { createExplainProcessor } from './explain.processor';
import { createMaintenanceProcessor } from './maintenance.processor';
import { createPredictProcessor } from './predict.processor';
import { createRetrainProcessor } from './retrain.processor';
import { createRatingsProcessor } from './ratings.processor';
import { createSeasonProcessor } from './season.processor';
import { createSettleProcessor } from './settle.processor';
import { createSyncProcessor } from './sync.processor';

/** Job types the worker consumes: all but `outbox`, which the tgbot process sends. */
export const WORKER_JOBS: readonly JobName[] = ALL_JOB_NAMES.filter((n) => n !== 'outbox');

export type WorkerConfig = Pick<
  Config,
  'paths' | 'sportmonks' | 'footballData' | 'retry' | 'backup' | 'models'
>;

export interface ProcessorDeps {
  config: WorkerConfig;
  db: Db;
  queue: QueueBackend;
  logger: Logger;
  champions: ChampionCache;
  ledger: Pick<LedgerSealer, 'request'>;
  /** Overrides for tests: the clock, retrain windows, the SportMonks transport. */
  now?: () => Date;
  retrainOptions?: Omit<RetrainOptions, 'league'>;
  fetch?: typeof fetch;
}

/**
 * The processor, after which the champion cache re-reads the registry and aliases: a promotion
 * or an import by this worker is served from the next prediction on, not a second later.
 */
function thenInvalidate<P extends (...args: never[]) => Promise<unknown>>(
  champions: ChampionCache,
  processor: P,
): P {
  return (async (...args: Parameters<P>) => {
    try {
      return await processor(...args);
    } finally {
      champions.invalidate();
    }
  }) as P;
}

export function createProcessors(d: ProcessorDeps): Processors {
  const now = d.now ? { now: d.now } : {};
  return {
    predict: createPredictProcessor({
      db: d.db,
      champions: d.champions,
      ledger: d.ledger,
      logger: d.logger,
      ...now,
    }),
    retrain: thenInvalidate(
      d.champions,
      createRetrainProcessor({
        db: d.db,
        registryDir: d.config.paths.modelRegistryPath,
        reportsDir: d.config.paths.reportsDir,
        keep: d.config.models.keep,
        logger: d.logger,
        ...(d.retrainOptions ? { options: d.retrainOptions } : {}),
        ...now,
      }),
    ),
    sync: thenInvalidate(
      d.champions,
      createSyncProcessor({
        db: d.db,
        queue: d.queue,
        config: d.config,
        logger: d.logger,
        ...(d.fetch ? { fetch: d.fetch } : {}),
        ...now,
      }),
    ),
    settle: createSettleProcessor({
      db: d.db,
      scanAlerts: createAlertScan({
        db: d.db,
        queue: d.queue,
        champions: d.champions,
        logger: d.logger,
        ...now,
      }),
      ...now,
    }),
    maintenance: createMaintenanceProcessor({
      db: d.db,
      backupDir: d.config.backup.dir,
      backupKeep: d.config.backup.keep,
      registryDir: d.config.paths.modelRegistryPath,
      modelKeep: d.config.models.keep,
      ...now,
    }),
    digest: createDigestProcessor({
      db: d.db,
      queue: d.queue,
      champions: d.champions,
      logger: d.logger,
      ...now,
    }),
    explain: createExplainProcessor({ db: d.db, champions: d.champions }),
    season: createSeasonProcessor({ db: d.db, champions: d.champions }),
    ratings: createRatingsProcessor({ champions: d.champions }),
  };
}
