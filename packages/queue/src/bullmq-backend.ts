// BullMQ v6 on Redis: one BullMQ queue per job type (so concurrency and retention are per job
// type), keys under QUEUE_PREFIX. Recurring work uses job schedulers (v6 has no repeatable
// jobs); request/response is our own (a reply channel per requesting process, add, re-check, poll,
// timeout) rather than `waitUntilFinished`, which can hang when a job is removed (bullmq#85,
// #2341).
import { randomUUID } from 'node:crypto';
import { Job, Queue, UnrecoverableError, WaitingError, Worker, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import {
  type JobName,
  type JobPayloads,
  type JobResults,
  type JobDefaults,
  type JobOptionsOverrides,
  ALL_JOB_NAMES,
  DEFAULT_CONCURRENCY,
  resolveJobDefaults,
} from './contract';
import {
  type EnqueueOptions,
  type JobCounts,
  type JobInfo,
  type JobState,
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
import { assertCron } from './cron';
import {
  JobFailedError,
  QueueStateError,
  QueueUnavailableError,
  RequestTimeoutError,
  errorMessage,
  isUnrecoverable,
} from './errors';
import { validatePayload } from './payload-validators';
import {
  type ReplyOutcome,
  REPLY_TO_KEY,
  createReplyInbox,
  publishReply,
  replyChannelOf,
} from './bullmq/reply-channel';

/** Which side of the queue this process is on; decides how patient its connections are. */
export type QueueRole = 'producer' | 'worker' | 'both';

/** Worker tuning passed straight to BullMQ (tests shrink the lock to see stalls quickly). */
export interface BullmqWorkerTuning {
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
  /** Seconds a worker long-polls an empty queue. */
  drainDelay?: number;
}

/** Options for {@link createBullmqBackend}. */
export interface BullmqBackendOptions {
  redisUrl: string;
  /** Redis key prefix (QUEUE_PREFIX); separates deployments sharing one Redis. */
  prefix: string;
  logger: QueueLogger;
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
// Kept back from a close deadline to hand unfinished jobs back and let processors honour their
// abort signal, so the whole close ends within its deadline.
const RELEASE_RESERVE_MS = 1_000;

/** Jobs a worker is running, with the lock token that lets it hand them back to the queue. */
interface InFlight {
  running: Map<string, { job: Job; token: string }>;
  /** Handed back at shutdown: whatever their processor does next must not touch them. */
  released: Set<string>;
}

/** Resolves to 'timeout' after `ms` unless `p` settles first; never leaves a timer behind. */
async function raceDeadline<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Like {@link raceDeadline} but rejects with a message naming the operation. */
async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  p.catch(() => undefined); // a late rejection after the timeout is not unhandled
  const r = await raceDeadline(p, ms);
  if (r === 'timeout') {
    throw new QueueStateError(`${what} timed out after ${ms} ms (is Redis reachable?)`);
  }
  return r;
}

// What ioredis says when a command cannot reach Redis (offline queue off, retries spent, socket
// gone), as opposed to Redis answering with an error.
const CONNECTION_FAILURE =
  /Stream isn't writeable|Connection is closed|max retries per request|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN/i;

/**
 * A producer call's failure as the caller should see it: Redis out of reach (a connection error,
 * or our own deadline on the call) is {@link QueueUnavailableError}; anything else is unchanged.
 */
function asUnavailable(err: unknown, what: string): Error {
  if (
    err instanceof QueueStateError ||
    (err instanceof Error && CONNECTION_FAILURE.test(err.message))
  ) {
    return new QueueUnavailableError(`${what}: the queue's Redis is unreachable`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

function toBullmqOptions(d: JobDefaults): JobsOptions {
  return {
    attempts: d.attempts,
    backoff: { type: d.backoff.type, delay: d.backoff.delayMs },
    removeOnComplete: { count: d.removeOnComplete.count, age: d.removeOnComplete.ageSec },
    removeOnFail: { count: d.removeOnFail.count, age: d.removeOnFail.ageSec },
  };
}

function toJobState(state: string): JobState {
  switch (state) {
    case 'active':
    case 'delayed':
    case 'completed':
    case 'failed':
      return state;
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    default:
      return 'unknown';
  }
}

interface Pending {
  settle(outcome: ReplyOutcome): void;
  abort(err: Error): void;
}

/** Creates the Redis-backed backend. Nothing connects until first use. */
export function createBullmqBackend(opts: BullmqBackendOptions): QueueBackend {
  const { redisUrl, prefix, logger, role } = opts;
  const commandTimeoutMs = opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const pollMs = opts.requestPollMs ?? DEFAULT_REQUEST_POLL_MS;
  const patientProducer = role === 'worker';

  // Workers block on Redis, so they must retry forever
  // (maxRetriesPerRequest: null); BullMQ creates their connections from these options.
  // ioredis keeps a timer of `disconnectTimeout` (2 s by default) after disconnecting a
  // socket that never opened, which holds the process (and Jest) open; 500 ms is plenty.
  const disconnectTimeout = 500;
  const blockingConnection = { url: redisUrl, maxRetriesPerRequest: null, disconnectTimeout };

  let producerClient: Redis | undefined;
  let producerDown = false;
  const queues = new Map<JobName, Queue>();
  const pending = new Map<JobName, Map<string, Pending>>();
  const handles = new Set<WorkersHandle>();
  const running = new Set<JobName>();
  let closed = false;
  // Lets a startWorkers() still waiting for Redis give up when the backend is closed.
  let signalClosed: () => void = () => undefined;
  const closedSignal = new Promise<'closed'>((resolve) => {
    signalClosed = () => resolve('closed');
  });

  const assertOpen = (): void => {
    if (closed) throw new QueueStateError('BullMQ queue backend is closed');
  };
  const onError = (source: string) => (err: Error) =>
    logger.error('queue connection error', { source, reason: err.message });

  /** One shared, non-blocking client for every Queue object. */
  function producer(): Redis {
    if (!producerClient) {
      producerClient = new Redis(
        redisUrl,
        patientProducer
          ? { maxRetriesPerRequest: null, disconnectTimeout }
          : // Fail fast: the api answers 503/504 rather than queueing commands for a dead Redis.
            { maxRetriesPerRequest: 1, enableOfflineQueue: false, disconnectTimeout },
      );
      producerClient.on('error', onError('producer'));
      // Down from the first lost or refused connection until Redis answers again.
      producerClient.on('close', () => {
        producerDown = true;
      });
      producerClient.on('ready', () => {
        producerDown = false;
      });
    }
    return producerClient;
  }

  /**
   * True while the producer connection is known to be down (lost or refused, not yet back): a
   * call then fails at once instead of waiting out its deadline. A first connection attempt is
   * given the benefit of the doubt.
   */
  const knownDown = (): boolean => !patientProducer && producerDown;

  function queue(name: JobName): Queue {
    assertOpen();
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: producer(),
        prefix,
        defaultJobOptions: toBullmqOptions(resolveJobDefaults(name, opts.jobOptions)),
      });
      q.on('error', onError(`queue:${name}`));
      queues.set(name, q);
    }
    return q;
  }

  const inbox = createReplyInbox({
    redisUrl,
    prefix,
    disconnectTimeout,
    onReply: ({ name, jobId, ...outcome }) => pending.get(name)?.get(jobId)?.settle(outcome),
    onError: onError('replies'),
  });

  /** Tells a job's requester how it ended; its state in Redis stays the authority. */
  const reply = (name: JobName, job: Job, outcome: ReplyOutcome): void => {
    const channel = replyChannelOf(job.data);
    if (channel === undefined || job.id === undefined) return;
    publishReply(producer(), channel, { name, jobId: job.id, ...outcome }, onError('replies'));
  };

  async function readJob<N extends JobName>(name: N, id: string): Promise<JobInfo<N>> {
    const q = queue(name);
    // State first, then the job: read the other way round, a job finishing in between would
    // look completed with the return value of its active snapshot (null).
    const state = toJobState(await q.getJobState(id));
    const job = state === 'unknown' ? undefined : await Job.fromId<unknown, JobResults[N]>(q, id);
    if (!job) return { id, name, state: 'unknown', attemptsMade: 0 };
    return {
      id,
      name,
      state,
      attemptsMade: job.attemptsMade,
      ...(state === 'completed' ? { result: job.returnvalue } : {}),
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    };
  }

  function wrapProcessor(name: JobName, processor: Processor<JobName>, inFlight: InFlight) {
    return async (job: Job, token?: string, signal?: AbortSignal): Promise<unknown> => {
      let payload: JobPayloads[JobName];
      try {
        payload = validatePayload(name, job.data);
      } catch (err) {
        throw new UnrecoverableError(errorMessage(err));
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
        return result;
      } catch (err) {
        if (inFlight.released.has(id)) throw new WaitingError();
        // BullMQ only skips retries for its own error class; keep the original message.
        if (isUnrecoverable(err)) throw new UnrecoverableError(errorMessage(err));
        throw err instanceof Error ? err : new Error(errorMessage(err));
      } finally {
        inFlight.running.delete(id);
      }
    };
  }

  /**
   * Closes a worker within `timeoutMs`: running jobs may finish until a short reserve before
   * the deadline; then each unfinished job goes back to its queue's wait list at once (another
   * worker starts it now, not after the stall interval), its processor is aborted, and a
   * processor that ignores the abort is cut off with the connection.
   */
  async function closeWorker(
    name: JobName,
    worker: Worker,
    timeoutMs: number,
    inFlight: InFlight,
  ): Promise<void> {
    const reserve = Math.min(RELEASE_RESERVE_MS, Math.floor(timeoutMs / 4));
    const graceful = worker.close();
    graceful.catch((err: unknown) => onError(`worker:${name}`)(err as Error));
    if ((await raceDeadline(graceful, timeoutMs - reserve)) !== 'timeout') return;
    const unfinished = [...inFlight.running.entries()];
    logger.warn('worker did not finish in-flight jobs in time; handing them back to the queue', {
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

  const backend: QueueBackend = {
    kind: 'bullmq',

    async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], o: EnqueueOptions = {}) {
      const data = validatePayload(name, payload);
      if (o.jobId !== undefined) assertJobId(o.jobId);
      const q = queue(name);
      if (knownDown())
        throw new QueueUnavailableError(`enqueue ${name}: the queue's Redis is unreachable`);
      const job = await withTimeout(
        q.add(name, data, {
          ...(o.jobId !== undefined ? { jobId: o.jobId } : {}),
          ...(o.delayMs !== undefined && o.delayMs > 0 ? { delay: o.delayMs } : {}),
        }),
        commandTimeoutMs,
        `enqueue ${name}`,
      ).catch((err: unknown) => {
        throw asUnavailable(err, `enqueue ${name}`);
      });
      return { id: job.id ?? '' };
    },

    request<N extends JobName>(
      name: N,
      payload: JobPayloads[N],
      o: { timeoutMs: number; jobId?: string },
    ): Promise<JobResults[N]> {
      // Everything below is bounded by `timeoutMs` (plus at most two short Redis reads at the
      // end), whatever state Redis or the workers are in.
      let data: JobPayloads[N];
      let q: Queue;
      const id = o.jobId ?? randomUUID();
      try {
        data = validatePayload(name, payload);
        assertJobId(id);
        q = queue(name);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      if (knownDown()) {
        return Promise.reject(
          new QueueUnavailableError(`request ${name}: the queue's Redis is unreachable`),
        );
      }
      // The reply makes the answer fast; polling makes it certain (a reply can be missed while
      // the subscriber reconnects, or sent before its subscription is live), so we never block
      // on the subscription being ready. With the subscription live, the first poll waits a
      // full period: reading the job right after adding it would only find it waiting, at the
      // cost of Redis round trips on every request.
      const subscribed = inbox.live();
      inbox.open();
      let table = pending.get(name);
      if (!table) pending.set(name, (table = new Map<string, Pending>()));
      const waiting = table;

      return new Promise<JobResults[N]>((resolve, reject) => {
        let done = false;
        let poll: NodeJS.Timeout | undefined;
        const finish = (fn: () => void): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          clearTimeout(poll);
          waiting.delete(id);
          fn();
        };
        const fromInfo = (info: JobInfo<N>): boolean => {
          if (info.state === 'completed') finish(() => resolve(info.result as JobResults[N]));
          else if (info.state === 'failed')
            finish(() => reject(new JobFailedError(name, id, info.failedReason ?? '')));
          else if (info.state === 'unknown')
            finish(() =>
              reject(new QueueStateError(`${name} job ${id} was removed before it finished`)),
            );
          return done;
        };
        const check = (): void => {
          readJob(name, id).then(
            (info) => {
              if (!fromInfo(info)) poll = setTimeout(check, pollMs);
            },
            () => {
              if (!done) poll = setTimeout(check, pollMs);
            },
          );
        };
        const onTimeout = async (): Promise<void> => {
          const timedOut = (detail: string) =>
            finish(() => reject(new RequestTimeoutError(name, id, o.timeoutMs, detail)));
          const info = await withTimeout(readJob(name, id), 1_000, 'read job').catch(() => null);
          if (info === null) {
            return finish(() =>
              reject(
                new QueueUnavailableError(
                  `${name} job ${id}: no answer within ${o.timeoutMs} ms and the queue's Redis ` +
                    'is unreachable',
                ),
              ),
            );
          }
          if (fromInfo(info)) return;
          if (info.state === 'waiting' || info.state === 'delayed') {
            // Nobody will read the result any more, so a job nobody started is dropped.
            await raceDeadline(
              q.remove(id).catch(() => 0),
              1_000,
            );
            return timedOut('no worker picked it up; is a worker running for this queue?');
          }
          timedOut('the job is still running');
        };
        const timer = setTimeout(() => void onTimeout(), o.timeoutMs);

        waiting.set(id, {
          settle: (outcome) =>
            finish(() =>
              outcome.ok
                ? resolve(outcome.value as JobResults[N])
                : reject(new JobFailedError(name, id, outcome.reason)),
            ),
          abort: (err) => finish(() => reject(err)),
        });
        withTimeout(
          q.add(name, { ...data, [REPLY_TO_KEY]: inbox.channel }, { jobId: id }),
          Math.min(commandTimeoutMs, o.timeoutMs),
          `request ${name}`,
        ).then(
          () => {
            if (done) return;
            if (subscribed) poll = setTimeout(check, pollMs);
            else check();
          },
          (err: unknown) => finish(() => reject(asUnavailable(err, `request ${name}`))),
        );
      });
    },

    async startWorkers(processors: Processors, o: StartWorkersOptions = {}) {
      assertOpen();
      if (role === 'producer') {
        throw new QueueStateError('startWorkers() needs role "worker" or "both", not "producer"');
      }
      const names = resolveWorkerNames(processors, o.only);
      const busy = names.filter((n) => running.has(n));
      if (busy.length > 0)
        throw new QueueStateError(`workers already running for: ${busy.join(', ')}`);
      for (const n of names) running.add(n);

      const workers = new Map<JobName, Worker>();
      const inFlight = new Map<JobName, InFlight>();
      try {
        for (const n of names) {
          const concurrency = o.concurrency?.[n] ?? DEFAULT_CONCURRENCY[n];
          if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
            throw new TypeError(`concurrency for ${n} must be a positive integer`);
          }
          const track: InFlight = { running: new Map(), released: new Set() };
          inFlight.set(n, track);
          const w = new Worker(n, wrapProcessor(n, processors[n] as Processor<JobName>, track), {
            connection: blockingConnection,
            prefix,
            concurrency,
            // Started only once every worker is ready, so a half-started set never consumes.
            autorun: false,
            ...opts.worker,
          });
          w.on('error', onError(`worker:${n}`));
          w.on('completed', (job, result) => reply(n, job, { ok: true, value: result }));
          w.on('failed', (job, err) => {
            // BullMQ sets finishedOn only when the job fails for good (not when it retries).
            if (job?.finishedOn) {
              reply(n, job, { ok: false, reason: job.failedReason || err.message });
            }
            const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
            const meta = {
              queue: n,
              jobId: job?.id,
              attempt: job?.attemptsMade,
              reason: err.message,
            };
            if (final) logger.error('job failed', meta);
            else logger.warn('job failed, will retry', meta);
          });
          // A stall means a worker died or blocked its event loop past the lock: worth a line.
          w.on('stalled', (jobId) => logger.warn('job stalled; requeued', { queue: n, jobId }));
          workers.set(n, w);
        }
        const ready = Promise.all([...workers.values()].map((w) => w.waitUntilReady()));
        ready.catch(() => undefined); // if we stop waiting, a late failure is not unhandled
        if ((await Promise.race([ready, closedSignal])) === 'closed') {
          throw new QueueStateError('queue backend closed while workers were starting');
        }
      } catch (err) {
        await Promise.allSettled([...workers.values()].map((w) => w.close(true)));
        for (const n of names) running.delete(n);
        throw err;
      }
      for (const [n, w] of workers) {
        w.run().catch((err: unknown) => onError(`worker:${n}`)(err as Error));
      }
      logger.info('queue workers started', { queues: names, prefix });

      let closing: Promise<void> | undefined;
      const handle: WorkersHandle = {
        names,
        close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS) {
          closing ??= Promise.all(
            [...workers].map(([n, w]) => closeWorker(n, w, timeoutMs, inFlight.get(n)!)),
          ).then(() => {
            for (const n of names) running.delete(n);
            handles.delete(handle);
            logger.info('queue workers stopped', { queues: names });
          });
          return closing;
        },
      };
      handles.add(handle);
      return handle;
    },

    async upsertSchedule<N extends JobName>(
      id: string,
      cron: string,
      name: N,
      payload: JobPayloads[N],
      o: { tz?: string } = {},
    ) {
      assertScheduleId(id);
      const tz = o.tz ?? 'UTC';
      assertCron(cron, tz);
      const data = validatePayload(name, payload);
      // A schedule id is unique across job types: if it moved to another type, drop the old one.
      await Promise.all(
        ALL_JOB_NAMES.filter((n) => n !== name).map((n) =>
          withTimeout(queue(n).removeJobScheduler(id), commandTimeoutMs, `remove schedule ${id}`),
        ),
      );
      await withTimeout(
        queue(name).upsertJobScheduler(
          id,
          { pattern: cron, tz },
          { name, data, opts: toBullmqOptions(resolveJobDefaults(name, opts.jobOptions)) },
        ),
        commandTimeoutMs,
        `upsert schedule ${id}`,
      );
    },

    async removeSchedule(id: string) {
      await Promise.all(
        ALL_JOB_NAMES.map((n) =>
          withTimeout(queue(n).removeJobScheduler(id), commandTimeoutMs, `remove schedule ${id}`),
        ),
      );
    },

    async listSchedules() {
      const perQueue = await Promise.all(
        ALL_JOB_NAMES.map(async (n) => {
          const list = await withTimeout(
            queue(n).getJobSchedulers(0, -1, true),
            commandTimeoutMs,
            `list schedules of ${n}`,
          );
          return list.map((s): ScheduleInfo => ({
            id: s.id ?? s.key,
            cron: s.pattern ?? '',
            name: n,
            ...(s.tz ? { tz: s.tz } : {}),
            ...(s.next !== undefined ? { next: s.next } : {}),
          }));
        }),
      );
      return perQueue.flat();
    },

    getJob<N extends JobName>(name: N, id: string) {
      return withTimeout(readJob(name, id), commandTimeoutMs, `read ${name} job ${id}`);
    },

    async counts() {
      const out: Record<JobName, JobCounts> = emptyCounts();
      await Promise.all(
        ALL_JOB_NAMES.map(async (n) => {
          const c = await withTimeout(
            queue(n).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
            commandTimeoutMs,
            `count ${n} jobs`,
          );
          out[n] = {
            waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
            active: c.active ?? 0,
            delayed: c.delayed ?? 0,
            failed: c.failed ?? 0,
          };
        }),
      );
      return out;
    },

    async close() {
      if (closed) return;
      closed = true;
      signalClosed();
      await Promise.allSettled([...handles].map((h) => h.close()));
      for (const table of pending.values()) {
        for (const p of table.values()) p.abort(new QueueStateError('queue backend closed'));
      }
      // Bounded: against a Redis that was never reached, close() never settles (BullMQ waits
      // for the connection to become ready before disconnecting it) and the client keeps
      // reconnecting, so after the deadline the connection itself is force-closed.
      const bound = Math.min(commandTimeoutMs, 2_000);
      await Promise.all([
        inbox.close(),
        ...[...queues.values()].map(async (c) => {
          const closing = c.close().catch(() => undefined);
          if ((await raceDeadline(closing, bound)) === 'timeout') {
            await raceDeadline(
              c
                .getBackend()
                .connection.close(true)
                .catch(() => undefined),
              bound,
            );
          }
        }),
      ]);
      if (producerClient) {
        const client = producerClient;
        // quit() flushes politely but waits for replies (forever, with Redis gone) and does
        // not stop a reconnect loop; disconnect() afterwards always ends the client.
        await raceDeadline(
          client.quit().catch(() => undefined),
          1_000,
        );
        client.disconnect();
      }
    },
  };
  return backend;
}
