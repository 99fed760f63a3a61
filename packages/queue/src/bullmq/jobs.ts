// Translations between our job contract and BullMQ's job records.
import { Job, type JobsOptions, type Queue } from 'bullmq';
import type { JobDefaults, JobName, JobResults } from '../contract';
import type { JobInfo, JobState } from '../backend';

export function toBullmqOptions(d: JobDefaults): JobsOptions {
  return {
    attempts: d.attempts,
    backoff: { type: d.backoff.type, delay: d.backoff.delayMs },
    removeOnComplete: { count: d.removeOnComplete.count, age: d.removeOnComplete.ageSec },
    removeOnFail: { count: d.removeOnFail.count, age: d.removeOnFail.ageSec },
  };
}

export function toJobState(state: string): JobState {
  switch (state) {
    case 'active':
    case 'delayed':
    case 'completed':
    case 'failed':
      return state;
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    default:
      return 'unknown';
  }
}

/** A snapshot of job `id` from Redis (two reads, unbounded: callers add their deadline). */
export async function readJob<N extends JobName>(
  q: Queue,
  name: N,
  id: string,
): Promise<JobInfo<N>> {
  // State first, then the job: read the other way round, a job finishing in between would
  // look completed with the return value of its active snapshot (null).
  const state = toJobState(await q.getJobState(id));
  const job = state === 'unknown' ? undefined : await Job.fromId<unknown, JobResults[N]>(q, id);
  if (!job) return { id, name, state: 'unknown', attemptsMade: 0 };
  return {
    id,
    name,
    state,
    attemptsMade: job.attemptsMade,
    ...(state === 'completed' ? { result: job.returnvalue } : {}),
    ...(job.failedReason ? { failedReason: job.failedReason } : {}),
  };
}
