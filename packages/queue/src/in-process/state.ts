// The in-process backend's memory: jobs per type, the wait lists, what is retained once finished,
// the running workers and who waits for which job. Every step (jobs.ts, lifecycle.ts, workers.ts,
// request.ts, schedules.ts) works on this one object.
import type { Logger } from '@scoreline/ops';
import {
  type JobDefaults,
  type JobName,
  type JobOptionsOverrides,
  ALL_JOB_NAMES,
} from '../contract';
import type { Processor, WorkersHandle } from '../backend';
import { QueueStateError } from '../errors';

/** Timer functions, injectable so tests drive cron and backoff with a fake clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type State = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

export interface JobRecord {
  id: string;
  name: JobName;
  payload: unknown;
  state: State;
  attemptsMade: number;
  defaults: JobDefaults;
  result?: unknown;
  failedReason?: string;
  finishedOn?: number;
  timer?: unknown;
}

export interface Waiter {
  settle(record: JobRecord): void;
}

export interface RunningWorker {
  processor: Processor<JobName>;
  concurrency: number;
  closing: boolean;
  inflight: Map<string, { done: Promise<void>; abort: AbortController }>;
}

export interface Core {
  readonly logger: Logger;
  readonly now: () => Date;
  readonly timers: Timers;
  readonly jobOptions: JobOptionsOverrides | undefined;
  readonly jobs: Map<JobName, Map<string, JobRecord>>;
  readonly waiting: Map<JobName, string[]>;
  readonly finished: Map<JobName, { completed: string[]; failed: string[] }>;
  readonly active: Map<JobName, number>;
  readonly workers: Map<JobName, RunningWorker>;
  readonly waiters: Map<JobRecord, Set<Waiter>>;
  readonly handles: Set<WorkersHandle>;
  seq: number;
  closed: boolean;
}

export function createCore(opts: {
  logger: Logger;
  now: () => Date;
  timers: Timers;
  jobOptions: JobOptionsOverrides | undefined;
}): Core {
  const core: Core = {
    ...opts,
    jobs: new Map(),
    waiting: new Map(),
    finished: new Map(),
    active: new Map(),
    workers: new Map(),
    waiters: new Map(),
    handles: new Set(),
    seq: 0,
    closed: false,
  };
  for (const n of ALL_JOB_NAMES) {
    core.jobs.set(n, new Map());
    core.waiting.set(n, []);
    core.finished.set(n, { completed: [], failed: [] });
  }
  return core;
}

export function assertOpen(core: Core): void {
  if (core.closed) throw new QueueStateError('in-process queue backend is closed');
}

export const tableOf = (core: Core, name: JobName): Map<string, JobRecord> => core.jobs.get(name)!;
