// BullMQ v6 on Redis: one BullMQ queue per job type (so concurrency and retention are per job
// type), keys under QUEUE_PREFIX. The parts live in ./bullmq/: connections, queues, request/reply
// (our own rather than `waitUntilFinished`, which can hang when a job is removed: bullmq#85,
// #2341), workers and their shutdown, job schedulers for recurring work (v6 has no repeatable
// jobs). This file puts them together.
import type { Logger } from '@scoreline/ops';
import type { JobName, JobOptionsOverrides } from './contract';
import type { QueueBackend, WorkersHandle } from './backend';
import { QueueStateError } from './errors';
import { createConnections } from './bullmq/connections';
import { counts, enqueue, getJob } from './bullmq/producer-calls';
import { createQueues } from './bullmq/queues';
import { createRequester } from './bullmq/request-reply';
import { listSchedules, removeSchedule, upsertSchedule } from './bullmq/schedules';
import { type BullmqWorkerTuning, startBullmqWorkers } from './bullmq/workers';

export type { BullmqWorkerTuning } from './bullmq/workers';

/** Which side of the queue this process is on; decides how patient its connections are. */
export type QueueRole = 'producer' | 'worker' | 'both';

/** Options for {@link createBullmqBackend}. */
export interface BullmqBackendOptions {
  redisUrl: string;
  /** Redis key prefix (QUEUE_PREFIX); separates deployments sharing one Redis. */
  prefix: string;
  logger: Logger;
  /**
   * `producer` (api, tgbot): fail fast when Redis is down, no workers. `worker`: every
   * connection waits for Redis to come back. `both`: producer side fails fast, workers wait.
   */
  role: QueueRole;
  jobOptions?: JobOptionsOverrides;
  worker?: BullmqWorkerTuning;
  /** Bound on one producer call (enqueue, schedule, counts) while Redis is unreachable. */
  commandTimeoutMs?: number;
  /** How often `request()` re-reads the job in case its reply was missed. */
  requestPollMs?: number;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 5_000;
const DEFAULT_REQUEST_POLL_MS = 1_000;

/** Creates the Redis-backed backend. Nothing connects until first use. */
export function createBullmqBackend(opts: BullmqBackendOptions): QueueBackend {
  const { redisUrl, prefix, logger, role, jobOptions } = opts;
  const commandTimeoutMs = opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  let closed = false;
  // Lets a startWorkers() still waiting for Redis give up when the backend is closed.
  let signalClosed: () => void = () => undefined;
  const closedSignal = new Promise<'closed'>((resolve) => {
    signalClosed = () => resolve('closed');
  });
  const assertOpen = (): void => {
    if (closed) throw new QueueStateError('BullMQ queue backend is closed');
  };

  const connections = createConnections({ redisUrl, logger, patient: role === 'worker' });
  const queues = createQueues({ connections, prefix, jobOptions, assertOpen });
  const calls = { queues, connections, commandTimeoutMs, jobOptions };
  const requester = createRequester({
    ...calls,
    redisUrl,
    prefix,
    pollMs: opts.requestPollMs ?? DEFAULT_REQUEST_POLL_MS,
  });
  const handles = new Set<WorkersHandle>();
  const workerDeps = {
    prefix,
    logger,
    connections,
    tuning: opts.worker,
    running: new Set<JobName>(),
    handles,
    closedSignal,
  };

  return {
    kind: 'bullmq',
    enqueue: async (name, payload, o = {}) => enqueue(calls, name, payload, o),
    request: (name, payload, o) => requester.request(name, payload, o),
    async startWorkers(processors, o = {}) {
      assertOpen();
      if (role === 'producer') {
        throw new QueueStateError('startWorkers() needs role "worker" or "both", not "producer"');
      }
      return startBullmqWorkers(workerDeps, processors, o);
    },
    upsertSchedule: (id, cron, name, payload, o = {}) =>
      upsertSchedule(calls, id, cron, name, payload, o),
    removeSchedule: (id) => removeSchedule(calls, id),
    listSchedules: () => listSchedules(calls),
    getJob: (name, id) => getJob(calls, name, id),
    counts: () => counts(calls),
    async close() {
      if (closed) return;
      closed = true;
      signalClosed();
      await Promise.allSettled([...handles].map((h) => h.close()));
      await Promise.all([
        requester.close(new QueueStateError('queue backend closed')),
        queues.close(Math.min(commandTimeoutMs, 2_000)),
      ]);
      await connections.close();
    },
  };
}
