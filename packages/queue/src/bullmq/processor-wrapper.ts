// Our processors as BullMQ processors: the payload validated again on this side, the errors
// translated to BullMQ's own classes, and jobs handed back at shutdown kept untouched.
import { type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { JobName, JobPayloads } from '../contract';
import type { Processor } from '../backend';
import { errorText } from '@scoreline/ops';
import { isUnrecoverable } from '../errors';
import { validatePayload } from '../payload-validators';

/** Jobs a worker is running, with the lock token that lets it hand them back to the queue. */
export interface InFlight {
  running: Map<string, { job: Job; token: string }>;
  /** Handed back at shutdown: whatever their processor does next must not touch them. */
  released: Set<string>;
}

/**
 * `onResult` is told a job's result as the processor returns it, before BullMQ stores it (see
 * workers.ts); never for a job handed back at shutdown.
 */
export function wrapProcessor(
  name: JobName,
  processor: Processor<JobName>,
  inFlight: InFlight,
  onResult: (job: Job, result: unknown) => void = () => undefined,
) {
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<unknown> => {
    let payload: JobPayloads[JobName];
    try {
      payload = validatePayload(name, job.data);
    } catch (err) {
      throw new UnrecoverableError(errorText(err));
    }
    const id = job.id ?? '';
    if (token !== undefined) inFlight.running.set(id, { job, token });
    try {
      const result = await processor(payload, {
        jobId: id,
        attempt: job.attemptsMade + 1,
        ...(signal ? { signal } : {}),
      });
      // Handed back at shutdown: another worker runs it; BullMQ must not complete it here.
      if (inFlight.released.has(id)) throw new WaitingError();
      onResult(job, result);
      return result;
    } catch (err) {
      if (inFlight.released.has(id)) throw new WaitingError();
      // BullMQ only skips retries for its own error class; keep the original message.
      if (isUnrecoverable(err)) throw new UnrecoverableError(errorText(err));
      throw err instanceof Error ? err : new Error(errorText(err));
    } finally {
      inFlight.running.delete(id);
    }
  };
}
