// Job records once they exist: who is told when one ends, how long finished ones are kept, the
// snapshot callers see, and dropping one nobody waits for.
import type { JobName, JobResults } from '../contract';
import type { JobInfo } from '../backend';
import { type Core, type JobRecord, tableOf } from './state';

/** Tells everyone waiting for `record` (requests) that it changed for good. */
export function notify(core: Core, record: JobRecord): void {
  const set = core.waiters.get(record);
  if (!set) return;
  core.waiters.delete(record);
  for (const w of set) w.settle(record);
}

/** Keeps a finished job within its type's retention (count and age), dropping the oldest. */
export function retain(core: Core, record: JobRecord, kind: 'completed' | 'failed'): void {
  const list = core.finished.get(record.name)![kind];
  list.push(record.id);
  const keep =
    kind === 'completed' ? record.defaults.removeOnComplete : record.defaults.removeOnFail;
  const minFinishedOn = core.now().getTime() - keep.ageSec * 1000;
  const table = tableOf(core, record.name);
  while (list.length > 0) {
    const oldest = table.get(list[0]!);
    const expired = oldest !== undefined && (oldest.finishedOn ?? 0) < minFinishedOn;
    if (list.length <= keep.count && !expired && oldest !== undefined) break;
    table.delete(list.shift()!);
  }
}

export function info<N extends JobName>(
  name: N,
  record: JobRecord | undefined,
  id: string,
): JobInfo<N> {
  if (!record) return { id, name, state: 'unknown', attemptsMade: 0 };
  return {
    id: record.id,
    name,
    state: record.state,
    attemptsMade: record.attemptsMade,
    ...(record.state === 'completed' ? { result: record.result as JobResults[N] } : {}),
    ...(record.failedReason !== undefined ? { failedReason: record.failedReason } : {}),
  };
}

/** Removes a job that has not started (its timer, its place in the wait list, its record). */
export function discard(core: Core, record: JobRecord): void {
  if (record.timer !== undefined) core.timers.clearTimeout(record.timer);
  const queue = core.waiting.get(record.name)!;
  const at = queue.indexOf(record.id);
  if (at >= 0) queue.splice(at, 1);
  tableOf(core, record.name).delete(record.id);
}
