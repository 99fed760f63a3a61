// Picks the backend from configuration: Redis when a URL is configured, else the embedded
// in-process queue (DESIGN §2 "Embedded default").
import type { JobOptionsOverrides } from './contract';
import type { QueueBackend, QueueLogger } from './backend';
import { type BullmqWorkerTuning, type QueueRole, createBullmqBackend } from './bullmq-backend';
import { createInProcessBackend } from './in-process-backend';

/** Options for {@link createQueueBackend}. */
export interface CreateQueueBackendOptions {
  /** Set → BullMQ on this Redis; unset → in-process. */
  redisUrl?: string;
  /** QUEUE_PREFIX (BullMQ only). */
  prefix: string;
  logger: QueueLogger;
  role: QueueRole;
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
  if (opts.redisUrl) {
    return createBullmqBackend({
      redisUrl: opts.redisUrl,
      prefix: opts.prefix,
      logger: opts.logger,
      role: opts.role,
      ...(opts.jobOptions ? { jobOptions: opts.jobOptions } : {}),
      ...(opts.worker ? { worker: opts.worker } : {}),
      ...(opts.commandTimeoutMs !== undefined ? { commandTimeoutMs: opts.commandTimeoutMs } : {}),
    });
  }
  return createInProcessBackend({
    logger: opts.logger,
    ...(opts.jobOptions ? { jobOptions: opts.jobOptions } : {}),
  });
}
