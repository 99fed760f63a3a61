// Closing one BullMQ worker within a deadline, handing unfinished jobs back to their queue.
import type { Logger } from '@scoreline/ops';
import type { Worker } from 'bullmq';
import type { JobName } from '../contract';
import { raceDeadline } from './deadlines';
import type { InFlight } from './processor-wrapper';

// Kept back from a close deadline to hand unfinished jobs back and let processors honour their
// abort signal, so the whole close ends within its deadline.
const RELEASE_RESERVE_MS = 1_000;

/**
 * Closes a worker within `timeoutMs`: running jobs may finish until a short reserve before
 * the deadline; then each unfinished job goes back to its queue's wait list at once (another
 * worker starts it now, not after the stall interval), its processor is aborted, and a
 * processor that ignores the abort is cut off with the connection.
 */
export async function closeWorker(
  name: JobName,
  worker: Worker,
  timeoutMs: number,
  inFlight: InFlight,
  deps: { logger: Logger; onError(source: string): (err: Error) => void },
): Promise<void> {
  const reserve = Math.min(RELEASE_RESERVE_MS, Math.floor(timeoutMs / 4));
  const graceful = worker.close();
  graceful.catch((err: unknown) => deps.onError(`worker:${name}`)(err as Error));
  if ((await raceDeadline(graceful, timeoutMs - reserve)) !== 'timeout') return;
  const unfinished = [...inFlight.running.entries()];
  deps.logger.warn('worker did not finish in-flight jobs in time; handing them back to the queue', {
    queue: name,
    timeoutMs,
    jobIds: unfinished.map(([id]) => id),
  });
  for (const [id] of unfinished) inFlight.released.add(id);
  const handedBack = Promise.allSettled(
    unfinished.map(([, { job, token }]) => job.moveToWait(token)),
  );
  await raceDeadline(handedBack, reserve / 2);
  worker.cancelAllJobs('worker shutdown timed out');
  if ((await raceDeadline(graceful, reserve / 4)) !== 'timeout') return;
  // The processor ignores its signal: drop the connections (its job is already back in the
  // queue; were the hand-back lost, the stalled-job checker still recovers it).
  await raceDeadline(
    worker.disconnect().catch(() => undefined),
    reserve / 4,
  );
}
