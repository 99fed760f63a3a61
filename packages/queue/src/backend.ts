// The interface both backends implement (BullMQ on Redis, and in-process for the embedded
// default), plus the small helpers they share.
import { ALL_JOB_NAMES, type JobName, type JobPayloads, type JobResults } from './contract';
import { MissingProcessorError } from './errors';

/** What a processor learns about the job it runs. */
export interface ProcessorContext {
  jobId: string;
  /** 1 on the first try, 2 on the first retry, … */
  attempt: number;
  /** Aborted when the worker is force-closed; long processors should honour it. */
  signal?: AbortSignal;
}

/**
 * A job handler: a plain async function of the validated payload. Throw
 * `UnrecoverableJobError` (or `InvalidPayloadError`) to fail without retries; any other throw
 * is treated as transient and retried with backoff.
 */
export type Processor<N extends JobName> = (
  payload: JobPayloads[N],
  ctx: ProcessorContext,
) => Promise<JobResults[N]>;

/** Processors by job name; a worker runs only the ones it is given. */
export type Processors = { [N in JobName]?: Processor<N> };

/** Options for {@link QueueBackend.enqueue}. */
export interface EnqueueOptions {
  /** Deterministic id for work that must not double-run (e.g. `retrain-E0-2025-05-01`). */
  jobId?: string;
  delayMs?: number;
}

/** Options for {@link QueueBackend.startWorkers}. */
export interface StartWorkersOptions {
  /** Job types to consume (default: all). Each one must have a processor. */
  only?: readonly JobName[];
  concurrency?: Partial<Record<JobName, number>>;
}

/** Running workers. */
export interface WorkersHandle {
  /** Job types being consumed. */
  readonly names: readonly JobName[];
  /**
   * Stops taking jobs, waits for in-flight ones up to `timeoutMs` (default 10 s), then
   * force-stops (their processors see `signal` aborted). Idempotent.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** A recurring job as stored by the backend. */
export interface ScheduleInfo {
  id: string;
  cron: string;
  name: JobName;
  tz?: string;
  /** Next fire time in epoch ms, when the backend knows it. */
  next?: number;
}

/** Per-queue job counts. */
export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** Where a job is in its life. `unknown` = never existed or already removed by retention. */
export type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'unknown';

/** A snapshot of one job. */
export interface JobInfo<N extends JobName = JobName> {
  id: string;
  name: N;
  state: JobState;
  /** Attempts that have finished (failed or completed). */
  attemptsMade: number;
  result?: JobResults[N];
  failedReason?: string;
}

/** The queue, whichever backend runs it. */
export interface QueueBackend {
  readonly kind: 'bullmq' | 'in-process';
  /** Validates the payload (throws `InvalidPayloadError`) and queues one job. */
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    opts?: EnqueueOptions,
  ): Promise<{ id: string }>;
  /**
   * Queues a job and waits for its result. Throws `RequestTimeoutError` (naming the job and the
   * timeout) when no result arrives within `timeoutMs`, `JobFailedError` when the job failed
   * for good. A job still waiting at the timeout is removed: nobody is waiting for it.
   */
  request<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    opts: { timeoutMs: number; jobId?: string },
  ): Promise<JobResults[N]>;
  /** Starts consuming. Throws `MissingProcessorError` if a requested job type has no processor. */
  startWorkers(processors: Processors, opts?: StartWorkersOptions): Promise<WorkersHandle>;
  /** Creates or replaces the recurring job `id` (idempotent: call it on every boot). */
  upsertSchedule<N extends JobName>(
    id: string,
    cron: string,
    name: N,
    payload: JobPayloads[N],
    opts?: { tz?: string },
  ): Promise<void>;
  /** Removes the recurring job `id`; a no-op when it does not exist. */
  removeSchedule(id: string): Promise<void>;
  listSchedules(): Promise<ScheduleInfo[]>;
  /** A snapshot of job `id` of type `name`. */
  getJob<N extends JobName>(name: N, id: string): Promise<JobInfo<N>>;
  counts(): Promise<Record<JobName, JobCounts>>;
  /** Closes everything this backend opened (workers started by it included). Idempotent. */
  close(): Promise<void>;
}

/** Default grace period for in-flight jobs when workers close. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/**
 * The job types `startWorkers` should run, after checking each has a processor.
 * Refusing to start beats a queue that silently fills up with jobs nobody consumes.
 */
export function resolveWorkerNames(
  processors: Processors,
  only: readonly JobName[] | undefined,
): JobName[] {
  const names = [...new Set(only ?? ALL_JOB_NAMES)];
  const missing = names.filter((n) => typeof processors[n] !== 'function');
  if (missing.length > 0) throw new MissingProcessorError(missing);
  return names;
}

/** Checks a schedule id before it reaches a backend (BullMQ ids must not contain `:`). */
export function assertScheduleId(id: string): void {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(id)) {
    throw new TypeError(`schedule id must match [A-Za-z0-9_.-]{1,100}, got ${JSON.stringify(id)}`);
  }
}

/** Checks a custom job id (BullMQ refuses ids with `:` and all-digit ids). */
export function assertJobId(id: string): void {
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(id) || /^\d+$/.test(id)) {
    throw new TypeError(
      `job id must match [A-Za-z0-9_.-]{1,200} and not be all digits, got ${JSON.stringify(id)}`,
    );
  }
}

/** An empty counts record, filled per queue by the backends. */
export function emptyCounts(): Record<JobName, JobCounts> {
  const out = {} as Record<JobName, JobCounts>;
  for (const n of ALL_JOB_NAMES) out[n] = { waiting: 0, active: 0, delayed: 0, failed: 0 };
  return out;
}
