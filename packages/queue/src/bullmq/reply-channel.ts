// Request/response answers over Redis pub/sub. A requesting process subscribes once to its own
// channel; each job it requests names that channel in its data, and the worker that finishes
// the job publishes the outcome there, after BullMQ has stored it. One message per job wakes the
// requester, where BullMQ's shared event stream wakes every requester for every step of every
// job. Pub/sub does not queue: a message sent while the subscriber reconnects (or to a requester
// that restarted) is lost, so the requester still re-reads the job's state now and then.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { JobName } from '../contract';

/** The job data field naming the requester's channel; payload validation drops it. */
export const REPLY_TO_KEY = '_replyTo';

/** A finished job's outcome, as published to its requester. */
export type ReplyOutcome = { ok: true; value: unknown } | { ok: false; reason: string };

/** What travels on a reply channel. */
export type ReplyMessage = { name: JobName; jobId: string } & ReplyOutcome;

/** The requester's end: one subscriber connection per backend. */
export interface ReplyInbox {
  /** The channel to name in a job's data. */
  readonly channel: string;
  /** True while subscribed, so answers can be expected on the channel (a first poll may wait). */
  live(): boolean;
  /** Connects and subscribes unless already done; never throws, never waits. */
  open(): void;
  /** Closes the subscriber connection within about a second, whatever Redis's state. */
  close(): Promise<void>;
}

export function createReplyInbox(opts: {
  redisUrl: string;
  prefix: string;
  disconnectTimeout: number;
  onReply(message: ReplyMessage): void;
  onError(err: Error): void;
}): ReplyInbox {
  const channel = `${opts.prefix}:reply:${randomUUID()}`;
  let client: Redis | undefined;
  let subscribed = false;
  let everSubscribed = false;
  return {
    channel,
    live: () => subscribed,
    open() {
      if (client) return;
      // A subscriber only waits for messages: let it reconnect forever.
      const sub = new Redis(opts.redisUrl, {
        maxRetriesPerRequest: null,
        disconnectTimeout: opts.disconnectTimeout,
      });
      client = sub;
      sub.on('error', (err: Error) => opts.onError(err));
      sub.on('close', () => {
        subscribed = false;
      });
      // After a reconnect ioredis subscribes again by itself.
      sub.on('ready', () => {
        subscribed = everSubscribed;
      });
      sub.on('message', (ch: string, text: string) => {
        if (ch !== channel) return;
        const message = parseReply(text);
        if (message) opts.onReply(message);
      });
      sub.subscribe(channel).then(
        () => {
          subscribed = everSubscribed = true;
        },
        (err: unknown) => opts.onError(err instanceof Error ? err : new Error(String(err))),
      );
    },
    async close() {
      const sub = client;
      if (!sub) return;
      subscribed = false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        sub.quit().catch(() => undefined),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 1_000);
        }),
      ]);
      clearTimeout(timer);
      sub.disconnect();
    },
  };
}

function parseReply(text: string): ReplyMessage | undefined {
  try {
    const m = JSON.parse(text) as Partial<ReplyMessage> & { reason?: unknown };
    if (typeof m.name !== 'string' || typeof m.jobId !== 'string') return undefined;
    if (m.ok === true) return { name: m.name, jobId: m.jobId, ok: true, value: m.value };
    if (m.ok === false && typeof m.reason === 'string') {
      return { name: m.name, jobId: m.jobId, ok: false, reason: m.reason };
    }
  } catch {
    // Not ours or truncated: the requester's poll still finds the outcome.
  }
  return undefined;
}

/** The channel a job's requester listens on, if it named one. */
export function replyChannelOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const ch = (data as Record<string, unknown>)[REPLY_TO_KEY];
  return typeof ch === 'string' && ch !== '' ? ch : undefined;
}

/**
 * Publishes a finished job's outcome to its requester. Best effort: a reply that cannot be
 * sent is only slower to arrive (the requester re-reads the job), so failures are passed to
 * `onError` and never thrown.
 */
export function publishReply(
  client: Redis,
  channel: string,
  message: ReplyMessage,
  onError: (err: Error) => void,
): void {
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch (err) {
    onError(err instanceof Error ? err : new Error(String(err)));
    return;
  }
  client.publish(channel, text).catch((err: unknown) => {
    onError(err instanceof Error ? err : new Error(String(err)));
  });
}
