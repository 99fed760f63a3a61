// The embedded default: one process, SQLite, no Redis. Jobs live in memory, one FIFO per job
// type, with the same semantics as the BullMQ backend (validation, retries with backoff,
// unrecoverable errors, request/response with a timeout, cron schedules).
//
// Accepted trade-off: nothing here is durable. Jobs waiting, delayed or running when the process
// crashes are lost, and schedules are re-registered on every boot (they are cleared on close).
// That is fine for the single-process embedded mode: scheduled work simply runs at its next
// fire time, and interactive requests time out for the user, who can ask again.
import {
  type JobName,
  type JobPayloads,
  type JobResults,
  type JobDefaults,
  type JobOptionsOverrides,
  ALL_JOB_NAMES,
  DEFAULT_CONCURRENCY,
  backoffDelayMs,
  resolveJobDefaults,
} from './contract';
import {
  type EnqueueOptions,
  type JobCounts,
  type JobInfo,
  type Processor,
  type Processors,
  type QueueBackend,
  type QueueLogger,
  type ScheduleInfo,
  type StartWorkersOptions,
  type WorkersHandle,
  DEFAULT_CLOSE_TIMEOUT_MS,
  assertJobId,
  assertScheduleId,
  emptyCounts,
  resolveWorkerNames,
} from './backend';
import { assertCron, nextCronTime } from './cron';
import {
  JobFailedError,
  QueueStateError,
  RequestTimeoutError,
  errorMessage,
  isUnrecoverable,
} from './errors';
import { validatePayload } from './payload-validators';

/** Timer functions, injectable so tests drive cron and backoff with a fake clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options for {@link createInProcessBackend}. */
export interface InProcessBackendOptions {
  logger: QueueLogger;
  /** Clock for cron and retention; defaults to the system clock. */
  now?: () => Date;
  timers?: Timers;
  /** Per-job overrides of the default attempts/backoff/retention. */
  jobOptions?: JobOptionsOverrides;
}

// Node clamps longer delays to 1 ms, which would fire a far-away cron at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

type State = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

interface JobRecord {
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

interface Waiter {
  settle(record: JobRecord): void;
}

interface RunningWorker {
  processor: Processor<JobName>;
  concurrency: number;
  closing: boolean;
  inflight: Map<string, { done: Promise<void>; abort: AbortController }>;
}

interface Schedule {
  id: string;
  cron: string;
  name: JobName;
  payload: unknown;
  tz: string | undefined;
  next: number;
  timer?: unknown;
}

/** Runs `fn` so that a synchronous throw becomes a rejected promise, as callers expect. */
function settled<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Creates the in-memory backend. See the file comment for what is (not) durable. */
export function createInProcessBackend(opts: InProcessBackendOptions): QueueBackend {
  const { logger, jobOptions } = opts;
  const now = opts.now ?? (() => new Date());
  const timers = opts.timers ?? defaultTimers;

  const jobs = new Map<JobName, Map<string, JobRecord>>();
  const waiting = new Map<JobName, string[]>();
  const finished = new Map<JobName, { completed: string[]; failed: string[] }>();
  for (const n of ALL_JOB_NAMES) {
    jobs.set(n, new Map());
    waiting.set(n, []);
    finished.set(n, { completed: [], failed: [] });
  }
  const active = new Map<JobName, number>();
  const workers = new Map<JobName, RunningWorker>();
  const waiters = new Map<JobRecord, Set<Waiter>>();
  const schedules = new Map<string, Schedule>();
  const handles = new Set<WorkersHandle>();
  let seq = 0;
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new QueueStateError('in-process queue backend is closed');
  };
  const table = (name: JobName): Map<string, JobRecord> => jobs.get(name)!;

  function notify(record: JobRecord): void {
    const set = waiters.get(record);
    if (!set) return;
    waiters.delete(record);
    for (const w of set) w.settle(record);
  }

  function retain(record: JobRecord, kind: 'completed' | 'failed'): void {
    const list = finished.get(record.name)![kind];
    list.push(record.id);
    const keep =
      kind === 'completed' ? record.defaults.removeOnComplete : record.defaults.removeOnFail;
    const minFinishedOn = now().getTime() - keep.ageSec * 1000;
    while (list.length > 0) {
      const oldest = table(record.name).get(list[0]!);
      const expired = oldest !== undefined && (oldest.finishedOn ?? 0) < minFinishedOn;
      if (list.length <= keep.count && !expired && oldest !== undefined) break;
      table(record.name).delete(list.shift()!);
    }
  }

  function makeWaiting(record: JobRecord): void {
    record.state = 'waiting';
    record.timer = undefined;
    waiting.get(record.name)!.push(record.id);
    pump(record.name);
  }

  function makeDelayed(record: JobRecord, delayMs: number): void {
    record.state = 'delayed';
    record.timer = timers.setTimeout(() => makeWaiting(record), delayMs);
  }

  function pump(name: JobName): void {
    const worker = workers.get(name);
    if (!worker || worker.closing || closed) return;
    const queue = waiting.get(name)!;
    while ((active.get(name) ?? 0) < worker.concurrency && queue.length > 0) {
      const record = table(name).get(queue.shift()!);
      if (record?.state === 'waiting') run(worker, record);
    }
  }

  function run(worker: RunningWorker, record: JobRecord): void {
    record.state = 'active';
    active.set(record.name, (active.get(record.name) ?? 0) + 1);
    const abort = new AbortController();
    const attempt = record.attemptsMade + 1;
    const done = Promise.resolve()
      .then(() => {
        // Re-validated on the consumer side too, as the BullMQ backend does: the processor
        // only ever sees a payload that matches the contract.
        const payload = validatePayload(record.name, record.payload);
        return worker.processor(payload, { jobId: record.id, attempt, signal: abort.signal });
      })
      .then(
        (result) => {
          record.attemptsMade = attempt;
          record.state = 'completed';
          record.result = result;
          record.finishedOn = now().getTime();
          retain(record, 'completed');
          notify(record);
        },
        (err: unknown) => onFailure(record, attempt, err),
      )
      .finally(() => {
        worker.inflight.delete(record.id);
        active.set(record.name, (active.get(record.name) ?? 1) - 1);
        pump(record.name);
      });
    worker.inflight.set(record.id, { done, abort });
  }

  function onFailure(record: JobRecord, attempt: number, err: unknown): void {
    record.attemptsMade = attempt;
    const reason = errorMessage(err);
    const meta = { queue: record.name, jobId: record.id, attempt, reason };
    if (!isUnrecoverable(err) && attempt < record.defaults.attempts && !closed) {
      const delayMs = backoffDelayMs(record.defaults.backoff, attempt);
      logger.warn('job failed, retrying', { ...meta, delayMs });
      makeDelayed(record, delayMs);
      return;
    }
    logger.error('job failed', meta);
    record.state = 'failed';
    record.failedReason = reason;
    record.finishedOn = now().getTime();
    retain(record, 'failed');
    notify(record);
  }

  function add(name: JobName, payload: unknown, o: EnqueueOptions = {}): JobRecord {
    assertOpen();
    const clean = validatePayload(name, payload);
    if (o.jobId !== undefined) {
      assertJobId(o.jobId);
      // Same rule as BullMQ: a known id makes this a no-op, so deterministic ids dedupe.
      const existing = table(name).get(o.jobId);
      if (existing) return existing;
    }
    const record: JobRecord = {
      id: o.jobId ?? String(++seq),
      name,
      payload: clean,
      state: 'waiting',
      attemptsMade: 0,
      defaults: resolveJobDefaults(name, jobOptions),
    };
    table(name).set(record.id, record);
    if (o.delayMs !== undefined && o.delayMs > 0) makeDelayed(record, o.delayMs);
    else makeWaiting(record);
    return record;
  }

  function info<N extends JobName>(name: N, record: JobRecord | undefined, id: string): JobInfo<N> {
    if (!record) return { id, name, state: 'unknown', attemptsMade: 0 };
    return {
      id: record.id,
      name,
      state: record.state,
      attemptsMade: record.attemptsMade,
      ...(record.state === 'completed' ? { result: record.result as JobResults[N] } : {}),
      ...(record.failedReason !== undefined ? { failedReason: record.failedReason } : {}),
    };
  }

  function discard(record: JobRecord): void {
    if (record.timer !== undefined) timers.clearTimeout(record.timer);
    const queue = waiting.get(record.name)!;
    const at = queue.indexOf(record.id);
    if (at >= 0) queue.splice(at, 1);
    table(record.name).delete(record.id);
  }

  function armSchedule(s: Schedule): void {
    const delay = Math.max(0, s.next - now().getTime());
    s.timer = timers.setTimeout(() => fireSchedule(s), Math.min(delay, MAX_TIMER_MS));
  }

  function fireSchedule(s: Schedule): void {
    if (schedules.get(s.id) !== s || closed) return;
    const at = now().getTime();
    if (at < s.next) {
      armSchedule(s); // woke early because of the timer clamp
      return;
    }
    try {
      // One id per fire time, so a fire can never be queued twice.
      add(s.name, s.payload, { jobId: `sched-${s.id}-${s.next}` });
    } catch (err) {
      logger.error('scheduled job could not be queued', {
        schedule: s.id,
        queue: s.name,
        reason: errorMessage(err),
      });
    }
    s.next = nextCronTime(s.cron, new Date(Math.max(at, s.next)), s.tz);
    armSchedule(s);
  }

  async function closeWorkers(names: readonly JobName[], timeoutMs: number): Promise<void> {
    const mine = names.map((n) => [n, workers.get(n)] as const);
    for (const [, w] of mine) if (w) w.closing = true;
    const inflight = mine.flatMap(([, w]) => (w ? [...w.inflight.values()] : []));
    if (inflight.length > 0) {
      let timer: unknown;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = timers.setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([
        Promise.allSettled(inflight.map((j) => j.done)).then(() => 'drained' as const),
        deadline,
      ]);
      timers.clearTimeout(timer);
      if (outcome === 'timeout') {
        // Forced: tell processors to stop. Their jobs are abandoned (see the file comment).
        for (const j of inflight) j.abort.abort(new Error('worker closed'));
        logger.warn('workers closed with jobs still running', { queues: names, timeoutMs });
      }
    }
    for (const [n, w] of mine) if (w && workers.get(n) === w) workers.delete(n);
  }

  const backend: QueueBackend = {
    kind: 'in-process',

    enqueue<N extends JobName>(name: N, payload: JobPayloads[N], o?: EnqueueOptions) {
      return settled(() => ({ id: add(name, payload, o).id }));
    },

    async request<N extends JobName>(
      name: N,
      payload: JobPayloads[N],
      o: { timeoutMs: number; jobId?: string },
    ): Promise<JobResults[N]> {
      const record = add(name, payload, o.jobId !== undefined ? { jobId: o.jobId } : {});
      return new Promise<JobResults[N]>((resolve, reject) => {
        const finish = (r: JobRecord): void => {
          if (r.state === 'completed') resolve(r.result as JobResults[N]);
          else if (r.state === 'failed')
            reject(new JobFailedError(name, r.id, r.failedReason ?? ''));
          else
            reject(
              new QueueStateError(
                `in-process queue backend closed before ${name} job ${r.id} finished`,
              ),
            );
        };
        if (record.state === 'completed' || record.state === 'failed') return finish(record);
        const waiter: Waiter = {
          settle: (r) => {
            timers.clearTimeout(timer);
            finish(r);
          },
        };
        const timer = timers.setTimeout(() => {
          waiters.get(record)?.delete(waiter);
          const stillQueued = record.state === 'waiting' || record.state === 'delayed';
          if (stillQueued) discard(record);
          const detail = !workers.has(name)
            ? 'no worker is running for this queue'
            : stillQueued
              ? 'workers are busy; the job was removed'
              : 'the job is still running';
          reject(new RequestTimeoutError(name, record.id, o.timeoutMs, detail));
        }, o.timeoutMs);
        let set = waiters.get(record);
        if (!set) waiters.set(record, (set = new Set()));
        set.add(waiter);
      });
    },

    startWorkers(processors: Processors, o: StartWorkersOptions = {}) {
      return settled(() => {
        assertOpen();
        const names = resolveWorkerNames(processors, o.only);
        const busy = names.filter((n) => workers.has(n));
        if (busy.length > 0) {
          throw new QueueStateError(`workers already running for: ${busy.join(', ')}`);
        }
        const concurrency = (n: JobName): number => {
          const c = o.concurrency?.[n] ?? DEFAULT_CONCURRENCY[n];
          if (!Number.isSafeInteger(c) || c < 1) {
            throw new TypeError(`concurrency for ${n} must be a positive integer`);
          }
          return c;
        };
        const configured = names.map((n) => [n, concurrency(n)] as const);
        for (const [n, c] of configured) {
          workers.set(n, {
            processor: processors[n] as Processor<JobName>,
            concurrency: c,
            closing: false,
            inflight: new Map(),
          });
        }
        let closing: Promise<void> | undefined;
        const handle: WorkersHandle = {
          names,
          close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS) {
            closing ??= closeWorkers(names, timeoutMs).finally(() => handles.delete(handle));
            return closing;
          },
        };
        handles.add(handle);
        for (const n of names) pump(n);
        logger.info('in-process workers started', { queues: names });
        return handle;
      });
    },

    upsertSchedule<N extends JobName>(
      id: string,
      cron: string,
      name: N,
      payload: JobPayloads[N],
      o: { tz?: string } = {},
    ) {
      return settled(() => {
        assertOpen();
        assertScheduleId(id);
        assertCron(cron, o.tz);
        const clean = validatePayload(name, payload);
        const old = schedules.get(id);
        if (old?.timer !== undefined) timers.clearTimeout(old.timer);
        const s: Schedule = {
          id,
          cron,
          name,
          payload: clean,
          tz: o.tz,
          next: nextCronTime(cron, now(), o.tz),
        };
        schedules.set(id, s);
        armSchedule(s);
      });
    },

    removeSchedule(id: string) {
      const s = schedules.get(id);
      if (s?.timer !== undefined) timers.clearTimeout(s.timer);
      schedules.delete(id);
      return Promise.resolve();
    },

    listSchedules() {
      return Promise.resolve(
        [...schedules.values()].map((s): ScheduleInfo => ({
          id: s.id,
          cron: s.cron,
          name: s.name,
          ...(s.tz !== undefined ? { tz: s.tz } : {}),
          next: s.next,
        })),
      );
    },

    getJob<N extends JobName>(name: N, id: string) {
      return Promise.resolve(info(name, table(name).get(id), id));
    },

    counts() {
      const out: Record<JobName, JobCounts> = emptyCounts();
      for (const n of ALL_JOB_NAMES) {
        let delayed = 0;
        for (const r of table(n).values()) if (r.state === 'delayed') delayed++;
        out[n] = {
          waiting: waiting.get(n)!.length,
          active: active.get(n) ?? 0,
          delayed,
          failed: finished.get(n)!.failed.length,
        };
      }
      return Promise.resolve(out);
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const s of schedules.values()) if (s.timer !== undefined) timers.clearTimeout(s.timer);
      schedules.clear();
      await Promise.all([...handles].map((h) => h.close()));
      for (const n of ALL_JOB_NAMES) {
        for (const r of table(n).values()) {
          if (r.timer !== undefined) timers.clearTimeout(r.timer);
          if (r.state === 'waiting' || r.state === 'delayed') {
            if (waiters.has(r)) notify(r);
          }
        }
        waiting.get(n)!.length = 0;
      }
    },
  };
  return backend;
}
