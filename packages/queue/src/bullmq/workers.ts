// startWorkers(): one BullMQ worker per consumed job type, started only once all are ready, each
// telling a job's requester how it ended (reply-channel.ts) and closed by one handle.
import type { Logger } from '@scoreline/ops';
import { type Job, Worker } from 'bullmq';
import { type JobName, DEFAULT_CONCURRENCY } from '../contract';
import {
  type Processor,
  type Processors,
  type StartWorkersOptions,
  type WorkersHandle,
  DEFAULT_CLOSE_TIMEOUT_MS,
  resolveWorkerNames,
} from '../backend';
import { QueueStateError } from '../errors';
import type { Connections } from './connections';
import { type InFlight, wrapProcessor } from './processor-wrapper';
import { type ReplyOutcome, publishReply, replyChannelOf } from './reply-channel';
import { closeWorker } from './worker-close';

/** Worker tuning passed straight to BullMQ (tests shrink the lock to see stalls quickly). */
export interface BullmqWorkerTuning {
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
  /** Seconds a worker long-polls an empty queue. */
  drainDelay?: number;
}

export interface WorkerDeps {
  prefix: string;
  logger: Logger;
  connections: Connections;
  tuning: BullmqWorkerTuning | undefined;
  /** Job types with running workers in this backend (shared by every startWorkers call). */
  running: Set<JobName>;
  /** Open handles, closed with the backend. */
  handles: Set<WorkersHandle>;
  /** Settles when the backend closes, so a start still waiting for Redis gives up. */
  closedSignal: Promise<'closed'>;
}

/** Tells a job's requester how it ended; its state in Redis stays the authority. */
function reply(deps: WorkerDeps, name: JobName, job: Job, outcome: ReplyOutcome): void {
  const channel = replyChannelOf(job.data);
  if (channel === undefined || job.id === undefined) return;
  const { connections } = deps;
  publishReply(
    connections.producer(),
    channel,
    { name, jobId: job.id, ...outcome },
    connections.onError('replies'),
  );
}

function createWorker(
  deps: WorkerDeps,
  n: JobName,
  processor: Processor<JobName>,
  concurrency: number,
  track: InFlight,
): Worker {
  const { logger, connections } = deps;
  // A result is published as the processor returns it, alongside BullMQ's completion instead of
  // after it: the requester is woken by the worker's next write, not after the worker has been
  // scheduled again to read the completion's answer. The job's state stays the authority: if the
  // completion fails (the lock was lost), the job runs again elsewhere and its second answer
  // finds nobody waiting; the requester's re-read covers a lost message.
  const answer = (job: Job, result: unknown) => reply(deps, n, job, { ok: true, value: result });
  const w = new Worker(n, wrapProcessor(n, processor, track, answer), {
    connection: connections.blocking,
    prefix: deps.prefix,
    concurrency,
    // Started only once every worker is ready, so a half-started set never consumes.
    autorun: false,
    ...deps.tuning,
  });
  w.on('error', connections.onError(`worker:${n}`));
  // Emitted once BullMQ has stored the outcome: a failure is told only when it is final.
  w.on('failed', (job, err) => {
    // BullMQ sets finishedOn only when the job fails for good (not when it retries).
    if (job?.finishedOn)
      reply(deps, n, job, { ok: false, reason: job.failedReason || err.message });
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
    const meta = { queue: n, jobId: job?.id, attempt: job?.attemptsMade, reason: err.message };
    if (final) logger.error('job failed', meta);
    else logger.warn('job failed, will retry', meta);
  });
  // A stall means a worker died or blocked its event loop past the lock: worth a line.
  w.on('stalled', (jobId) => logger.warn('job stalled; requeued', { queue: n, jobId }));
  return w;
}

/** Creates the workers and waits until every one is ready; closes them all on any failure. */
async function createReadyWorkers(
  deps: WorkerDeps,
  names: readonly JobName[],
  processors: Processors,
  o: StartWorkersOptions,
): Promise<{ workers: Map<JobName, Worker>; inFlight: Map<JobName, InFlight> }> {
  const workers = new Map<JobName, Worker>();
  const inFlight = new Map<JobName, InFlight>();
  try {
    for (const n of names) {
      const concurrency = o.concurrency?.[n] ?? DEFAULT_CONCURRENCY[n];
      if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
        throw new TypeError(`concurrency for ${n} must be a positive integer`);
      }
      const track: InFlight = { running: new Map(), released: new Set() };
      inFlight.set(n, track);
      workers.set(
        n,
        createWorker(deps, n, processors[n] as Processor<JobName>, concurrency, track),
      );
    }
    const ready = Promise.all([...workers.values()].map((w) => w.waitUntilReady()));
    ready.catch(() => undefined); // if we stop waiting, a late failure is not unhandled
    if ((await Promise.race([ready, deps.closedSignal])) === 'closed') {
      throw new QueueStateError('queue backend closed while workers were starting');
    }
  } catch (err) {
    await Promise.allSettled([...workers.values()].map((w) => w.close(true)));
    throw err;
  }
  return { workers, inFlight };
}

export async function startBullmqWorkers(
  deps: WorkerDeps,
  processors: Processors,
  o: StartWorkersOptions,
): Promise<WorkersHandle> {
  const { logger, running, handles } = deps;
  const names = resolveWorkerNames(processors, o.only);
  const busy = names.filter((n) => running.has(n));
  if (busy.length > 0) throw new QueueStateError(`workers already running for: ${busy.join(', ')}`);
  for (const n of names) running.add(n);
  let started: Awaited<ReturnType<typeof createReadyWorkers>>;
  try {
    started = await createReadyWorkers(deps, names, processors, o);
  } catch (err) {
    for (const n of names) running.delete(n);
    throw err;
  }
  const { workers, inFlight } = started;
  for (const [n, w] of workers) {
    w.run().catch((err: unknown) => deps.connections.onError(`worker:${n}`)(err as Error));
  }
  logger.info('queue workers started', { queues: names, prefix: deps.prefix });

  let closing: Promise<void> | undefined;
  const closeDeps = { logger, onError: (source: string) => deps.connections.onError(source) };
  const handle: WorkersHandle = {
    names,
    close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS) {
      closing ??= Promise.all(
        [...workers].map(([n, w]) => closeWorker(n, w, timeoutMs, inFlight.get(n)!, closeDeps)),
      ).then(() => {
        for (const n of names) running.delete(n);
        handles.delete(handle);
        logger.info('queue workers stopped', { queues: names });
      });
      return closing;
    },
  };
  handles.add(handle);
  return handle;
}
