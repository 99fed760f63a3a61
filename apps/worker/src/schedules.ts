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
export const SCHEDULE_IDS = ['retrain', 'sync', 'backup', 'maintenance', 'digest-scan'] as const;
export type ScheduleId = (typeof SCHEDULE_IDS)[number];

/** Crons are read in UTC, whatever the container's clock says. */
export const SCHEDULE_TZ = 'UTC';

/**
 * The schedules configuration asks for. FAILSAFE_MODE leaves out the heavy ones (retrain,
 * backup, VACUUM/ANALYZE and cleanup) and keeps sync and the digest scan.
 */
export function wantedSchedules(scheduler: Config['scheduler']): ScheduleSpec[] {
  const heavy = !scheduler.failsafe;
  const out: ScheduleSpec[] = [];
  if (heavy && scheduler.retrainCron !== null) {
    out.push({ id: 'retrain', cron: scheduler.retrainCron, name: 'retrain', payload: {} });
  }
  out.push({ id: 'sync', cron: scheduler.syncCron, name: 'sync', payload: {} });
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
  scheduler: Config['scheduler'],
): Promise<{ registered: string[]; removed: string[] }> {
  const wanted = wantedSchedules(scheduler);
  for (const s of wanted) {
    await queue.upsertSchedule(s.id, s.cron, s.name, s.payload, { tz: SCHEDULE_TZ });
  }
  const keep = new Set(wanted.map((s) => s.id));
  const removed = SCHEDULE_IDS.filter((id) => !keep.has(id));
  for (const id of removed) await queue.removeSchedule(id);
  return { registered: [...keep], removed };
}
