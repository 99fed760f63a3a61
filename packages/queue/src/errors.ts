// Errors callers branch on. Each carries a stable `code` so logs, the api (504 on timeout) and
// tests can match without parsing messages.
import type { JobName } from './contract';

/** A failure that retrying cannot fix: the job fails on this attempt, with no retries. */
export class UnrecoverableJobError extends Error {
  readonly code: string = 'UNRECOVERABLE';
  override readonly name: string = 'UnrecoverableJobError';
}

/** A job payload that does not match the contract. Non-retryable: bad input stays bad. */
export class InvalidPayloadError extends UnrecoverableJobError {
  override readonly code = 'INVALID_PAYLOAD';
  override readonly name = 'InvalidPayloadError';

  constructor(
    /** The job name (a string: it may come from untrusted input). */
    readonly job: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid ${job} payload: ${problems.join('; ')}`);
  }
}

/** `request()` got no answer in time. The api maps this to 504. */
export class RequestTimeoutError extends Error {
  readonly code = 'REQUEST_TIMEOUT';
  override readonly name = 'RequestTimeoutError';

  constructor(
    readonly job: JobName,
    readonly jobId: string,
    readonly timeoutMs: number,
    detail = 'is a worker running for this queue?',
  ) {
    super(`${job} job ${jobId} did not finish within ${timeoutMs} ms (${detail})`);
  }
}

/**
 * The queue's Redis cannot be reached right now (down, restarting, unreachable): nothing was
 * queued. Callers answer "busy, try again shortly" (the api: 503 with Retry-After); the client
 * reconnects by itself, so the same call works again once Redis is back.
 */
export class QueueUnavailableError extends Error {
  readonly code = 'QUEUE_UNAVAILABLE';
  override readonly name = 'QueueUnavailableError';
  /** A sensible wait before trying again, in seconds. */
  readonly retryAfterSec = 5;
}

/** `request()`'s job failed for good (after its retries); carries the job's failure reason. */
export class JobFailedError extends Error {
  readonly code = 'JOB_FAILED';
  override readonly name = 'JobFailedError';

  constructor(
    readonly job: JobName,
    readonly jobId: string,
    readonly failedReason: string,
  ) {
    super(`${job} job ${jobId} failed: ${failedReason}`);
  }
}

/** `startWorkers()` was asked to run job types it has no processor for. */
export class MissingProcessorError extends Error {
  readonly code = 'MISSING_PROCESSOR';
  override readonly name = 'MissingProcessorError';

  constructor(readonly missing: readonly JobName[]) {
    super(`no processor for job type(s): ${missing.join(', ')}`);
  }
}

/** The backend was used after `close()`, or in a role that cannot do what was asked. */
export class QueueStateError extends Error {
  readonly code = 'QUEUE_STATE';
  override readonly name = 'QueueStateError';
}

/** True for errors that must fail a job without retries. */
export function isUnrecoverable(err: unknown): boolean {
  return err instanceof UnrecoverableJobError;
}
