// The producer's plain calls (enqueue, read a job, count jobs), each bounded by the command
// timeout and failing at once while Redis is known to be down.
import type { JobName, JobPayloads } from '../contract';
import { ALL_JOB_NAMES } from '../contract';
import {
  type EnqueueOptions,
  type JobCounts,
  type JobInfo,
  assertJobId,
  emptyCounts,
} from '../backend';
import { QueueUnavailableError } from '../errors';
import { validatePayload } from '../payload-validators';
import type { Connections } from './connections';
import { asUnavailable, withTimeout } from './deadlines';
import { readJob } from './jobs';
import type { Queues } from './queues';

export interface ProducerDeps {
  queues: Queues;
  connections: Connections;
  commandTimeoutMs: number;
}

export async function enqueue<N extends JobName>(
  deps: ProducerDeps,
  name: N,
  payload: JobPayloads[N],
  o: EnqueueOptions,
): Promise<{ id: string }> {
  const data = validatePayload(name, payload);
  if (o.jobId !== undefined) assertJobId(o.jobId);
  const q = deps.queues.get(name);
  if (deps.connections.knownDown())
    throw new QueueUnavailableError(`enqueue ${name}: the queue's Redis is unreachable`);
  const job = await withTimeout(
    q.add(name, data, {
      ...(o.jobId !== undefined ? { jobId: o.jobId } : {}),
      ...(o.delayMs !== undefined && o.delayMs > 0 ? { delay: o.delayMs } : {}),
    }),
    deps.commandTimeoutMs,
    `enqueue ${name}`,
  ).catch((err: unknown) => {
    throw asUnavailable(err, `enqueue ${name}`);
  });
  return { id: job.id ?? '' };
}

export async function getJob<N extends JobName>(
  deps: ProducerDeps,
  name: N,
  id: string,
): Promise<JobInfo<N>> {
  return await withTimeout(
    readJob(deps.queues.get(name), name, id),
    deps.commandTimeoutMs,
    `read ${name} job ${id}`,
  );
}

export async function counts(deps: ProducerDeps): Promise<Record<JobName, JobCounts>> {
  const out: Record<JobName, JobCounts> = emptyCounts();
  await Promise.all(
    ALL_JOB_NAMES.map(async (n) => {
      const c = await withTimeout(
        deps.queues.get(n).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
        deps.commandTimeoutMs,
        `count ${n} jobs`,
      );
      out[n] = {
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
      };
    }),
  );
  return out;
}
