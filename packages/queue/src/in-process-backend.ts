// The embedded default: one process, SQLite, no Redis. Jobs live in memory, one FIFO per job
// type, with the same semantics as the BullMQ backend (validation, retries with backoff,
// unrecoverable errors, request/response with a timeout, cron schedules). The parts live in
// ./in-process/: the shared state, job records, a job's lifecycle, workers, request/response and
// schedules. This file puts them together.
//
// Accepted trade-off: nothing here is durable. Jobs waiting, delayed or running when the process
// crashes are lost, and schedules are re-registered on every boot (they are cleared on close).
// That is fine for the single-process embedded mode: scheduled work simply runs at its next
// fire time, and interactive requests time out for the user, who can ask again.
import type { Logger } from '@scoreline/ops';
import { type JobName, type JobOptionsOverrides, ALL_JOB_NAMES } from './contract';
import { type JobCounts, type QueueBackend, emptyCounts } from './backend';
import { info, notify } from './in-process/jobs';
import { add } from './in-process/lifecycle';
import { request } from './in-process/request';
import { createSchedules } from './in-process/schedules';
import { type Core, type Timers, createCore, tableOf } from './in-process/state';
import { startWorkers } from './in-process/workers';

export type { Timers } from './in-process/state';

/** Options for {@link createInProcessBackend}. */
export interface InProcessBackendOptions {
  logger: Logger;
  /** Clock for cron and retention; defaults to the system clock. */
  now?: () => Date;
  timers?: Timers;
  /** Per-job overrides of the default attempts/backoff/retention. */
  jobOptions?: JobOptionsOverrides;
}

/** Runs `fn` so that a synchronous throw becomes a rejected promise, as callers expect. */
function settled<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

function counts(core: Core): Record<JobName, JobCounts> {
  const out: Record<JobName, JobCounts> = emptyCounts();
  for (const n of ALL_JOB_NAMES) {
    let delayed = 0;
    for (const r of tableOf(core, n).values()) if (r.state === 'delayed') delayed++;
    out[n] = {
      waiting: core.waiting.get(n)!.length,
      active: core.active.get(n) ?? 0,
      delayed,
      failed: core.finished.get(n)!.failed.length,
    };
  }
  return out;
}

/** Ends waits for jobs that will never run now (the workers are already closed). */
function abandonQueued(core: Core): void {
  for (const n of ALL_JOB_NAMES) {
    for (const r of tableOf(core, n).values()) {
      if (r.timer !== undefined) core.timers.clearTimeout(r.timer);
      if (r.state === 'waiting' || r.state === 'delayed') {
        if (core.waiters.has(r)) notify(core, r);
      }
    }
    core.waiting.get(n)!.length = 0;
  }
}

/** Creates the in-memory backend. See the file comment for what is (not) durable. */
export function createInProcessBackend(opts: InProcessBackendOptions): QueueBackend {
  const core = createCore({
    logger: opts.logger,
    now: opts.now ?? (() => new Date()),
    timers: opts.timers ?? defaultTimers,
    jobOptions: opts.jobOptions,
  });
  const schedules = createSchedules(core);

  return {
    kind: 'in-process',
    enqueue: (name, payload, o) => settled(() => ({ id: add(core, name, payload, o).id })),
    request: async (name, payload, o) => request(core, name, payload, o),
    startWorkers: (processors, o = {}) => settled(() => startWorkers(core, processors, o)),
    upsertSchedule: (id, cron, name, payload, o = {}) =>
      settled(() => schedules.upsert(id, cron, name, payload, o)),
    removeSchedule: (id) => {
      schedules.remove(id);
      return Promise.resolve();
    },
    listSchedules: () => Promise.resolve(schedules.list()),
    getJob: (name, id) => Promise.resolve(info(name, tableOf(core, name).get(id), id)),
    counts: () => Promise.resolve(counts(core)),
    async close() {
      if (core.closed) return;
      core.closed = true;
      schedules.clear();
      await Promise.all([...core.handles].map((h) => h.close()));
      abandonQueued(core);
    },
  };
}
