// One BullMQ Queue object per job type, opened on first use over the shared producer client.
import { Queue } from 'bullmq';
import { type JobName, type JobOptionsOverrides, resolveJobDefaults } from '../contract';
import type { Connections } from './connections';
import { raceDeadline } from './deadlines';
import { toBullmqOptions } from './jobs';

export interface Queues {
  /** The queue of job type `name` (throws once the backend is closed). */
  get(name: JobName): Queue;
  /** Closes every queue opened, each within `boundMs` (then its connection is cut). */
  close(boundMs: number): Promise<void>;
}

export function createQueues(opts: {
  connections: Connections;
  prefix: string;
  jobOptions: JobOptionsOverrides | undefined;
  assertOpen(): void;
}): Queues {
  const { connections, prefix } = opts;
  const queues = new Map<JobName, Queue>();
  return {
    get(name) {
      opts.assertOpen();
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, {
          connection: connections.producer(),
          prefix,
          defaultJobOptions: toBullmqOptions(resolveJobDefaults(name, opts.jobOptions)),
        });
        q.on('error', connections.onError(`queue:${name}`));
        queues.set(name, q);
      }
      return q;
    },
    async close(boundMs) {
      // Bounded: against a Redis that was never reached, close() never settles (BullMQ waits
      // for the connection to become ready before disconnecting it) and the client keeps
      // reconnecting, so after the deadline the connection itself is force-closed.
      await Promise.all(
        [...queues.values()].map(async (q) => {
          const closing = q.close().catch(() => undefined);
          if ((await raceDeadline(closing, boundMs)) === 'timeout') {
            await raceDeadline(
              q
                .getBackend()
                .connection.close(true)
                .catch(() => undefined),
              boundMs,
            );
          }
        }),
      );
    },
  };
}
