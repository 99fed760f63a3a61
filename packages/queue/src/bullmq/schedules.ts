// Recurring jobs as BullMQ v6 job schedulers (v6 has no repeatable jobs). A schedule id is unique
// across job types, so each call looks at every queue.
import {
  type JobName,
  type JobOptionsOverrides,
  type JobPayloads,
  ALL_JOB_NAMES,
  resolveJobDefaults,
} from '../contract';
import { type ScheduleInfo, assertScheduleId } from '../backend';
import { assertCron } from '../cron';
import { validatePayload } from '../payload-validators';
import { withTimeout } from './deadlines';
import { toBullmqOptions } from './jobs';
import type { Queues } from './queues';

export interface ScheduleDeps {
  queues: Queues;
  jobOptions: JobOptionsOverrides | undefined;
  commandTimeoutMs: number;
}

export async function upsertSchedule<N extends JobName>(
  deps: ScheduleDeps,
  id: string,
  cron: string,
  name: N,
  payload: JobPayloads[N],
  o: { tz?: string },
): Promise<void> {
  assertScheduleId(id);
  const tz = o.tz ?? 'UTC';
  assertCron(cron, tz);
  const data = validatePayload(name, payload);
  const { queues, commandTimeoutMs } = deps;
  // If the id moved to another job type, drop the old one.
  await Promise.all(
    ALL_JOB_NAMES.filter((n) => n !== name).map((n) =>
      withTimeout(queues.get(n).removeJobScheduler(id), commandTimeoutMs, `remove schedule ${id}`),
    ),
  );
  await withTimeout(
    queues
      .get(name)
      .upsertJobScheduler(
        id,
        { pattern: cron, tz },
        { name, data, opts: toBullmqOptions(resolveJobDefaults(name, deps.jobOptions)) },
      ),
    commandTimeoutMs,
    `upsert schedule ${id}`,
  );
}

export async function removeSchedule(deps: ScheduleDeps, id: string): Promise<void> {
  await Promise.all(
    ALL_JOB_NAMES.map((n) =>
      withTimeout(
        deps.queues.get(n).removeJobScheduler(id),
        deps.commandTimeoutMs,
        `remove schedule ${id}`,
      ),
    ),
  );
}

export async function listSchedules(deps: ScheduleDeps): Promise<ScheduleInfo[]> {
  const perQueue = await Promise.all(
    ALL_JOB_NAMES.map(async (n) => {
      const list = await withTimeout(
        deps.queues.get(n).getJobSchedulers(0, -1, true),
        deps.commandTimeoutMs,
        `list schedules of ${n}`,
      );
      return list.map((s): ScheduleInfo => ({
        id: s.id ?? s.key,
        cron: s.pattern ?? '',
        name: n,
        ...(s.tz ? { tz: s.tz } : {}),
        ...(s.next !== undefined ? { next: s.next } : {}),
      }));
    }),
  );
  return perQueue.flat();
}
