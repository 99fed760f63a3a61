// request(): queue a job and wait for its outcome. The answer normally comes on this process's
// reply channel (reply-channel.ts); re-reading the job now and then makes it certain (a reply can
// be missed while the subscriber reconnects, or sent before its subscription is live, or to a
// requester that restarted), and a deadline bounds the whole wait.
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { JobName, JobPayloads, JobResults } from '../contract';
import { type JobInfo, assertJobId } from '../backend';
import {
  JobFailedError,
  QueueStateError,
  QueueUnavailableError,
  RequestTimeoutError,
} from '../errors';
import { validatePayload } from '../payload-validators';
import type { Connections } from './connections';
import { asUnavailable, raceDeadline, withTimeout } from './deadlines';
import { readJob } from './jobs';
import type { Queues } from './queues';
import { type ReplyOutcome, REPLY_TO_KEY, createReplyInbox } from './reply-channel';

export interface Requester {
  request<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    o: { timeoutMs: number; jobId?: string },
  ): Promise<JobResults[N]>;
  /** Rejects every pending request with `err` and closes the reply channel. */
  close(err: Error): Promise<void>;
}

interface RequesterDeps {
  redisUrl: string;
  prefix: string;
  connections: Connections;
  queues: Queues;
  commandTimeoutMs: number;
  /** How often a pending request re-reads its job in case its reply was missed. */
  pollMs: number;
}

export function createRequester(deps: RequesterDeps): Requester {
  const pending = new Map<JobName, Map<string, PendingRequest<JobName>>>();
  const inbox = createReplyInbox({
    redisUrl: deps.redisUrl,
    prefix: deps.prefix,
    disconnectTimeout: deps.connections.blocking.disconnectTimeout,
    onReply: ({ name, jobId, ...outcome }) => pending.get(name)?.get(jobId)?.settle(outcome),
    onError: deps.connections.onError('replies'),
  });
  const tableOf = (name: JobName): Map<string, PendingRequest<JobName>> => {
    let table = pending.get(name);
    if (!table) pending.set(name, (table = new Map<string, PendingRequest<JobName>>()));
    return table;
  };

  return {
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
        q = deps.queues.get(name);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      if (deps.connections.knownDown()) {
        return Promise.reject(
          new QueueUnavailableError(`request ${name}: the queue's Redis is unreachable`),
        );
      }
      // Never block on the subscription being ready. With it live, the first re-read waits a
      // full period: reading the job right after adding it would only find it waiting, at the
      // cost of Redis round trips on every request.
      const subscribed = inbox.live();
      inbox.open();
      const table = tableOf(name);
      return new Promise<JobResults[N]>((resolve, reject) => {
        const call = new PendingRequest<N>(
          { ...deps, q, name, id, timeoutMs: o.timeoutMs },
          resolve,
          reject,
          () => table.delete(id),
        );
        table.set(id, call as unknown as PendingRequest<JobName>);
        call.start({ ...data, [REPLY_TO_KEY]: inbox.channel }, subscribed);
      });
    },
    async close(err) {
      for (const table of pending.values()) for (const p of table.values()) p.abort(err);
      await inbox.close();
    },
  };
}

interface CallContext<N extends JobName> extends RequesterDeps {
  q: Queue;
  name: N;
  id: string;
  timeoutMs: number;
}

/** One request waiting for its job: settled once, by a reply, a re-read or its deadline. */
class PendingRequest<N extends JobName> {
  private done = false;
  private poll: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly c: CallContext<N>,
    private readonly resolve: (value: JobResults[N]) => void,
    private readonly reject: (err: Error) => void,
    private readonly forget: () => void,
  ) {}

  /** Adds the job, then re-reads it at once (`subscribed` false) or after a period. */
  start(data: object, subscribed: boolean): void {
    const { q, name, id } = this.c;
    this.timer = setTimeout(() => void this.onTimeout(), this.c.timeoutMs);
    withTimeout(
      q.add(name, data, { jobId: id }),
      Math.min(this.c.commandTimeoutMs, this.c.timeoutMs),
      `request ${name}`,
    ).then(
      () => {
        if (this.done) return;
        if (subscribed) this.poll = setTimeout(() => this.check(), this.c.pollMs);
        else this.check();
      },
      (err: unknown) => this.finish(() => this.reject(asUnavailable(err, `request ${name}`))),
    );
  }

  settle(outcome: ReplyOutcome): void {
    this.finish(() =>
      outcome.ok
        ? this.resolve(outcome.value as JobResults[N])
        : this.reject(new JobFailedError(this.c.name, this.c.id, outcome.reason)),
    );
  }

  abort(err: Error): void {
    this.finish(() => this.reject(err));
  }

  private finish(fn: () => void): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    clearTimeout(this.poll);
    this.forget();
    fn();
  }

  /** Settles from a snapshot of the job if it has ended; true when settled. */
  private fromInfo(info: JobInfo<N>): boolean {
    const { name, id } = this.c;
    if (info.state === 'completed') this.finish(() => this.resolve(info.result as JobResults[N]));
    else if (info.state === 'failed')
      this.finish(() => this.reject(new JobFailedError(name, id, info.failedReason ?? '')));
    else if (info.state === 'unknown')
      this.finish(() =>
        this.reject(new QueueStateError(`${name} job ${id} was removed before it finished`)),
      );
    return this.done;
  }

  private check(): void {
    readJob(this.c.q, this.c.name, this.c.id).then(
      (info) => {
        if (!this.fromInfo(info)) this.poll = setTimeout(() => this.check(), this.c.pollMs);
      },
      () => {
        if (!this.done) this.poll = setTimeout(() => this.check(), this.c.pollMs);
      },
    );
  }

  private async onTimeout(): Promise<void> {
    const { q, name, id, timeoutMs } = this.c;
    const timedOut = (detail: string) =>
      this.finish(() => this.reject(new RequestTimeoutError(name, id, timeoutMs, detail)));
    const info = await withTimeout(readJob(q, name, id), 1_000, 'read job').catch(() => null);
    if (info === null) {
      return this.finish(() =>
        this.reject(
          new QueueUnavailableError(
            `${name} job ${id}: no answer within ${timeoutMs} ms and the queue's Redis ` +
              'is unreachable',
          ),
        ),
      );
    }
    if (this.fromInfo(info)) return;
    if (info.state === 'waiting' || info.state === 'delayed') {
      // Nobody will read the result any more, so a job nobody started is dropped.
      await raceDeadline(
        q.remove(id).catch(() => 0),
        1_000,
      );
      return timedOut('no worker picked it up; is a worker running for this queue?');
    }
    timedOut('the job is still running');
  }
}
