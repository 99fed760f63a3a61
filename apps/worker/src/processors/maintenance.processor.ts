// Housekeeping: SQLite backup with rotation, VACUUM/ANALYZE, and pruning (artifacts, job runs,
// outbox delivery records). Tasks run in
// the order given; each reports done or skipped (with why), so the job result is the log.
import {
  backupSqlite,
  deleteJobRunsBefore,
  deleteOutboxDeliveriesBefore,
  failAbandonedJobRuns,
  listLeagues,
  listModels,
  runMaintenance,
  type Db,
} from '@scoreline/db';
import type {
  MaintenancePayload,
  MaintenanceResult,
  MaintenanceTask,
  ProcessorContext,
} from '@scoreline/queue';
import { pruneArtifacts } from '@scoreline/training';

export interface MaintenanceProcessorDeps {
  db: Db;
  backupDir: string;
  /** BACKUP_KEEP. */
  backupKeep: number;
  registryDir: string;
  /** MODEL_KEEP. */
  modelKeep: number;
  now?: () => Date;
}

type TaskResult = MaintenanceResult['tasks'][number];

/** Job-run history kept for /status and the track of past retrains and syncs. */
const JOB_RUN_RETENTION_DAYS = 90;
/**
 * Outbox delivery records only stop a job id from sending twice; the queue keeps a failed outbox
 * job 7 days (the longest its id can come back), so a week of records is enough.
 */
const OUTBOX_DELIVERY_RETENTION_DAYS = 7;

export function createMaintenanceProcessor(deps: MaintenanceProcessorDeps) {
  const now = deps.now ?? (() => new Date());

  const run: Record<MaintenanceTask, () => Promise<TaskResult>> = {
    async backup() {
      if (deps.db.client !== 'sqlite' || !deps.db.sqlitePath) {
        return { task: 'backup', status: 'skipped', detail: 'Postgres: back up with pg_dump' };
      }
      const file = await backupSqlite(deps.db.sqlitePath, deps.backupDir, deps.backupKeep, now());
      return { task: 'backup', status: 'done', detail: `${file} (keeping ${deps.backupKeep})` };
    },
    async vacuum() {
      const report = await runMaintenance(deps.db);
      return { task: 'vacuum', status: 'done', detail: report.steps.join(', ') };
    },
    async cleanup() {
      const day = 24 * 3600_000;
      const abandoned = await failAbandonedJobRuns(deps.db, new Date(now().getTime() - day), now());
      const deleted = await deleteJobRunsBefore(
        deps.db,
        new Date(now().getTime() - JOB_RUN_RETENTION_DAYS * day),
      );
      const deliveries = await deleteOutboxDeliveriesBefore(
        deps.db,
        new Date(now().getTime() - OUTBOX_DELIVERY_RETENTION_DAYS * day),
      );
      const pruned: string[] = [];
      for (const league of await listLeagues(deps.db)) {
        if ((await listModels(deps.db, league.code)).length === 0) continue;
        const removed = await pruneArtifacts(
          deps.db,
          deps.registryDir,
          league.code,
          deps.modelKeep,
        );
        pruned.push(...removed.map((v) => `${league.code}/${v}`));
      }
      return {
        task: 'cleanup',
        status: 'done',
        detail:
          (pruned.length ? `pruned artifacts: ${pruned.join(', ')}` : 'no artifacts to prune') +
          `; job runs: ${abandoned} abandoned marked failed, ${deleted} older than ${JOB_RUN_RETENTION_DAYS} days deleted` +
          `; outbox deliveries: ${deliveries} older than ${OUTBOX_DELIVERY_RETENTION_DAYS} days deleted`,
      };
    },
  };

  return async function maintenance(
    payload: MaintenancePayload,
    _ctx: ProcessorContext,
  ): Promise<MaintenanceResult> {
    const tasks: TaskResult[] = [];
    for (const task of payload.tasks) tasks.push(await run[task]());
    return { status: 'ok', tasks };
  };
}
