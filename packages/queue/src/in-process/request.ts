// request(): queue a job and wait for it to end, or for the deadline (a job that has not started
// by then is dropped: nobody waits for its result any more).
import type { JobName, JobPayloads, JobResults } from '../contract';
import { JobFailedError, QueueStateError, RequestTimeoutError } from '../errors';
import { discard } from './jobs';
import { add } from './lifecycle';
import type { Core, JobRecord, Waiter } from './state';

export function request<N extends JobName>(
  core: Core,
  name: N,
  payload: JobPayloads[N],
  o: { timeoutMs: number; jobId?: string },
): Promise<JobResults[N]> {
  const record = add(core, name, payload, o.jobId !== undefined ? { jobId: o.jobId } : {});
  return new Promise<JobResults[N]>((resolve, reject) => {
    const finish = (r: JobRecord): void => {
      if (r.state === 'completed') resolve(r.result as JobResults[N]);
      else if (r.state === 'failed') reject(new JobFailedError(name, r.id, r.failedReason ?? ''));
      else
        reject(
          new QueueStateError(
            `in-process queue backend closed before ${name} job ${r.id} finished`,
          ),
        );
    };
    if (record.state === 'completed' || record.state === 'failed') return finish(record);
    const waiter: Waiter = {
      settle: (r) => {
        core.timers.clearTimeout(timer);
        finish(r);
      },
    };
    const timer = core.timers.setTimeout(() => {
      core.waiters.get(record)?.delete(waiter);
      const stillQueued = record.state === 'waiting' || record.state === 'delayed';
      if (stillQueued) discard(core, record);
      const detail = !core.workers.has(name)
        ? 'no worker is running for this queue'
        : stillQueued
          ? 'workers are busy; the job was removed'
          : 'the job is still running';
      reject(new RequestTimeoutError(name, record.id, o.timeoutMs, detail));
    }, o.timeoutMs);
    let set = core.waiters.get(record);
    if (!set) core.waiters.set(record, (set = new Set()));
    set.add(waiter);
  });
}
