// Recurring jobs. Registered by the worker role only when ENABLE_SCHEDULER=1, idempotent by id
// (every boot upserts the same ids, so two workers starting together leave one of each), and a
// schedule that configuration turns off is removed, so a restart with FAILSAFE_MODE=1 (or
// RETRAIN_CRON=off) really drops it rather than leaving the old one firing.
import type { Config } from '@scoreline/config';
import type { JobName, JobPayloads, QueueBackend } from '@scoreline/queue';

export interface ScheduleSpec<N extends JobName = JobName> {
  id: string;
  cron: string;
  name: N;
  payload: JobPayloads[N];
}

/** Every schedule id the worker owns (the ones not wanted are removed). */
export const SCHEDULE_IDS = [
  'retrain',
  'sync',
  'football-data-results',
  'football-data-fixtures',
  'backup',
  'maintenance',
  'digest-scan',
] as const;
export type ScheduleId = (typeof SCHEDULE_IDS)[number];

/** Crons are read in UTC, whatever the container's clock says. */
export const SCHEDULE_TZ = 'UTC';

/**
 * football-data.co.uk updates its results files once the day's matches are in and its fixtures
 * file as prices move: results once a day, before the morning's predictions; fixtures twice.
 */
export const FOOTBALL_DATA_RESULTS_CRON = '0 6 * * *';
export const FOOTBALL_DATA_FIXTURES_CRON = '0 7,19 * * *';

export type ScheduleConfig = Pick<Config, 'scheduler' | 'sportmonks' | 'footballData'>;

/**
 * The schedules configuration asks for. FAILSAFE_MODE leaves out the heavy ones (retrain,
 * backup, VACUUM/ANALYZE and cleanup) and keeps sync and the digest scan. football-data.co.uk
 * is synced only while SportMonks is not (no token), unless FOOTBALL_DATA_SYNC=0.
 */
export function wantedSchedules(config: ScheduleConfig): ScheduleSpec[] {
  const { scheduler } = config;
  const heavy = !scheduler.failsafe;
  const out: ScheduleSpec[] = [];
  if (heavy && scheduler.retrainCron !== null) {
    out.push({ id: 'retrain', cron: scheduler.retrainCron, name: 'retrain', payload: {} });
  }
  out.push({ id: 'sync', cron: scheduler.syncCron, name: 'sync', payload: {} });
  if (config.footballData.enabled && !config.sportmonks.token) {
    out.push(
      {
        id: 'football-data-results',
        cron: FOOTBALL_DATA_RESULTS_CRON,
        name: 'sync',
        payload: { source: 'football-data-results' },
      },
      {
        id: 'football-data-fixtures',
        cron: FOOTBALL_DATA_FIXTURES_CRON,
        name: 'sync',
        payload: { source: 'football-data-fixtures' },
      },
    );
  }
  if (heavy) {
    out.push(
      {
        id: 'backup',
        cron: scheduler.backupCron,
        name: 'maintenance',
        payload: { tasks: ['backup'] },
      },
      {
        id: 'maintenance',
        cron: scheduler.maintenanceCron,
        name: 'maintenance',
        payload: { tasks: ['vacuum', 'cleanup'] },
      },
    );
  }
  out.push({ id: 'digest-scan', cron: '* * * * *', name: 'digest', payload: {} });
  return out;
}

/** Upserts the wanted schedules and removes the rest; returns the ids now registered. */
export async function registerSchedules(
  queue: Pick<QueueBackend, 'upsertSchedule' | 'removeSchedule'>,
  config: ScheduleConfig,
): Promise<{ registered: string[]; removed: string[] }> {
  const wanted = wantedSchedules(config);
  for (const s of wanted) {
    await queue.upsertSchedule(s.id, s.cron, s.name, s.payload, { tz: SCHEDULE_TZ });
  }
  const keep = new Set(wanted.map((s) => s.id));
  const removed = SCHEDULE_IDS.filter((id) => !keep.has(id));
  for (const id of removed) await queue.removeSchedule(id);
  return { registered: [...keep], removed };
}

/**
 * Without SportMonks, a start catches up with football-data.co.uk at once (results, then
 * fixtures) instead of waiting for the next cron: a fresh install knows this week's matches
 * within a minute. The job ids carry the day, so restarts enqueue it once a day at most.
 */
export async function enqueueLiveCatchUp(
  queue: Pick<QueueBackend, 'enqueue'>,
  config: ScheduleConfig,
  now: Date,
): Promise<string[]> {
  if (!config.footballData.enabled || config.sportmonks.token) return [];
  const day = now.toISOString().slice(0, 10);
  const sources = ['football-data-results', 'football-data-fixtures'] as const;
  for (const source of sources) {
    await queue.enqueue('sync', { source }, { jobId: `${source}-catch-up-${day}` });
  }
  return [...sources];
}
