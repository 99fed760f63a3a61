// Picks the backend from configuration: Redis when a URL is configured, else the embedded
// in-process queue (DESIGN §2 "Embedded default"). It also holds a process to the queues its
// role consumes, so a role wired to the wrong queue fails at start-up, not deep inside.
import type { Logger } from '@scoreline/ops';
import { ALL_JOB_NAMES, type JobName, type JobOptionsOverrides } from './contract';
import type { QueueBackend } from './backend';
import type { BullmqBackendOptions, BullmqWorkerTuning, QueueRole } from './bullmq-backend';
import { QueueStateError } from './errors';
import { createInProcessBackend } from './in-process-backend';

/** Who a process is and which queues it consumes (bin/src/roles derives it from ROLE). */
export interface QueueConsumer {
  /** The process's role as ROLE names it (api, worker, tgbot, all), for messages. */
  role: string;
  /** The queues this process consumes; empty for a producer-only role. */
  queues: readonly JobName[];
}

/** Options for {@link createQueueBackend}. */
export interface CreateQueueBackendOptions {
  /** Set → BullMQ on this Redis; unset → in-process. */
  redisUrl?: string;
  /** QUEUE_PREFIX (BullMQ only). */
  prefix: string;
  logger: Logger;
  role: QueueRole;
  /**
   * The queues this process may consume: `startWorkers()` for any other fails at once with a
   * message naming the role and the queue. Unset: no restriction (tests, tools, benches).
   */
  consumer?: QueueConsumer;
  jobOptions?: JobOptionsOverrides;
  worker?: BullmqWorkerTuning;
  /** BullMQ only: bound on one producer call while Redis is unreachable (default 5 s). */
  commandTimeoutMs?: number;
}

/**
 * Creates the queue backend for this process: BullMQ when `redisUrl` is set, else the
 * in-process backend. Note that with the in-process backend producers and workers must live
 * in the same process (ROLE=all), because the queue is that process's memory.
 */
export function createQueueBackend(opts: CreateQueueBackendOptions): QueueBackend {
  if (opts.consumer) assertConsumerFits(opts.consumer, opts.role);
  const backend = opts.redisUrl
    ? createBullmqBackend({
        redisUrl: opts.redisUrl,
        prefix: opts.prefix,
        logger: opts.logger,
        role: opts.role,
        ...(opts.jobOptions ? { jobOptions: opts.jobOptions } : {}),
        ...(opts.worker ? { worker: opts.worker } : {}),
        ...(opts.commandTimeoutMs !== undefined ? { commandTimeoutMs: opts.commandTimeoutMs } : {}),
      })
    : createInProcessBackend({
        logger: opts.logger,
        ...(opts.jobOptions ? { jobOptions: opts.jobOptions } : {}),
      });
  return opts.consumer ? consumingOnly(backend, opts.consumer) : backend;
}

/**
 * The BullMQ backend, its module loaded on first use: a process on the in-process queue (the
 * embedded default) never loads bullmq or ioredis (about 15 MB of resident memory).
 */
export function createBullmqBackend(opts: BullmqBackendOptions): QueueBackend {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bullmq = require('./bullmq-backend') as typeof import('./bullmq-backend');
  return bullmq.createBullmqBackend(opts);
}

/** A consumer list and a producer-only connection role contradict each other. */
function assertConsumerFits(consumer: QueueConsumer, role: QueueRole): void {
  if (consumer.queues.length > 0 && role === 'producer') {
    throw new QueueStateError(
      `role ${consumer.role} consumes ${consumer.queues.join(', ')} but its queue was created ` +
        'producer-only; create it with role "worker" or "both"',
    );
  }
}

/** The backend, with `startWorkers()` refusing any queue outside `consumer.queues`. */
function consumingOnly(backend: QueueBackend, consumer: QueueConsumer): QueueBackend {
  const { role, queues } = consumer;
  const startWorkers: QueueBackend['startWorkers'] = (processors, o = {}) => {
    const asked = o.only ?? ALL_JOB_NAMES;
    const foreign = asked.filter((n) => !queues.includes(n));
    if (queues.length === 0) {
      return Promise.reject(
        new QueueStateError(
          `role ${role} consumes no queue, yet it started workers for: ${asked.join(', ')} ` +
            '(which role consumes which queue: docs/architecture.md)',
        ),
      );
    }
    if (foreign.length > 0) {
      return Promise.reject(
        new QueueStateError(
          `role ${role} does not consume queue ${foreign.join(', ')}; it consumes ` +
            `${queues.join(', ')} (which role consumes which queue: docs/architecture.md)`,
        ),
      );
    }
    return backend.startWorkers(processors, o);
  };
  return Object.freeze({ ...backend, startWorkers });
}
