// One limiter for every message the bot sends (outbox and replies), so Telegram's limits hold
// across all of them (ops §2.1): about 30 messages a second overall, about one a second per chat,
// at most 20 a minute to one group, and nothing at all while a 429's retry_after runs.
//
// Waiters are granted in arrival order among those allowed to go now: a chat still inside its
// spacing does not hold back other chats, but two sends to one chat always keep their order
// (parts of a split message must arrive in sequence).
import { setTimeout as delay } from 'node:timers/promises';

/** Options for {@link createSendRateLimiter}. */
export interface SendRateLimiterOptions {
  /** Sends per second over all chats (default 30). */
  perSecond?: number;
  /**
   * How many sends may go back to back before the rate applies (default 1: evenly spaced). Any
   * one-second window then holds at most `perSecond + burst` sends.
   */
  burst?: number;
  /** Minimum time between two sends to one chat (default 1000 ms). */
  perChatIntervalMs?: number;
  /** Sends to one group (a negative chat id) within any `groupWindowMs` (default 20). */
  groupPerMinute?: number;
  /**
   * The group window (default 61 000 ms: a second more than Telegram's minute, so clock skew
   * between us and Telegram cannot squeeze a 21st message into its minute).
   */
  groupWindowMs?: number;
  /** Clock in epoch ms; injectable for tests. */
  now?: () => number;
  /** Waits `ms`; should settle early when `signal` aborts (a stale wait is then dropped). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The limiter every send goes through. */
export interface SendRateLimiter {
  /**
   * Resolves when a message to `chatId` may be sent; the caller must send right after. Rejects
   * with `signal.reason` when `signal` aborts first (the turn is given up).
   */
  acquire(chatId: string, signal?: AbortSignal): Promise<void>;
  /** Holds every send for `ms` from now (after a 429); overlapping pauses keep the later end. */
  pause(ms: number): void;
  /**
   * Counts a send made at `at` (epoch ms) before this limiter existed, so a restarted process
   * keeps the per-chat spacing and the group window of the one before it.
   */
  remember(chatId: string, at: number): void;
  /** Sends waiting for a turn. */
  readonly pending: number;
  /** Chats whose spacing is remembered (for metrics; idle chats are dropped on the next send). */
  readonly trackedChats: number;
}

interface Waiter {
  chatId: string;
  resolve(): void;
  reject(reason: unknown): void;
  detach?: () => void;
}

// Float refills can leave a token at 0.9999999…; that counts as a whole one.
const EPSILON = 1e-9;

/** Telegram's group and supergroup ids are negative; users' are positive. */
const isGroup = (chatId: string): boolean => chatId.startsWith('-');

const realSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  delay(ms, undefined, { signal }).catch(() => undefined);

/** Creates a global token bucket with per-chat spacing and a global pause. */
export function createSendRateLimiter(opts: SendRateLimiterOptions = {}): SendRateLimiter {
  const perSecond = opts.perSecond ?? 30;
  const burst = opts.burst ?? 1;
  const interval = opts.perChatIntervalMs ?? 1000;
  const groupMax = opts.groupPerMinute ?? 20;
  const groupWindow = opts.groupWindowMs ?? 61_000;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
    throw new RangeError('perSecond must be a positive number');
  }
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError('burst must be at least 1');
  if (!(interval >= 0) || !Number.isFinite(interval)) {
    throw new RangeError('perChatIntervalMs must be zero or more');
  }
  if (!Number.isSafeInteger(groupMax) || groupMax < 1) {
    throw new RangeError('groupPerMinute must be a positive integer');
  }
  if (!(groupWindow >= 0) || !Number.isFinite(groupWindow)) {
    throw new RangeError('groupWindowMs must be zero or more');
  }
  const msPerToken = 1000 / perSecond;

  const queue: Waiter[] = [];
  // Last grant per chat; an entry is dropped as soon as its spacing has passed, so idle chats
  // cost nothing.
  const lastSent = new Map<string, number>();
  // Grant times per group inside the window, oldest first; emptied groups are dropped.
  const groupSent = new Map<string, number[]>();
  let tokens = burst;
  let refilledAt = now();
  let pausedUntil = -Infinity;
  let timer: { at: number; abort: AbortController } | null = null;

  function refill(t: number): void {
    if (t > refilledAt) {
      tokens = Math.min(burst, tokens + (t - refilledAt) / msPerToken);
      refilledAt = t;
    }
  }

  /** The group's sends still inside the window at `t`, older ones dropped. */
  function groupHistory(chatId: string, t: number): number[] | undefined {
    const sent = groupSent.get(chatId);
    if (!sent) return undefined;
    while (sent.length > 0 && sent[0]! + groupWindow <= t) sent.shift();
    if (sent.length > 0) return sent;
    groupSent.delete(chatId);
    return undefined;
  }

  /** Ms until `chatId` may be sent to again, by its own spacing and its group window; 0: now. */
  function chatWait(chatId: string, t: number): number {
    const last = lastSent.get(chatId);
    const spacing = last !== undefined && last + interval > t ? last + interval - t : 0;
    if (!isGroup(chatId)) return spacing;
    const sent = groupHistory(chatId, t);
    const window =
      sent && sent.length >= groupMax ? sent[sent.length - groupMax]! + groupWindow - t : 0;
    return Math.max(spacing, window);
  }

  function record(chatId: string, at: number): void {
    lastSent.set(chatId, Math.max(at, lastSent.get(chatId) ?? -Infinity));
    if (!isGroup(chatId)) return;
    const sent = groupSent.get(chatId) ?? [];
    sent.push(at);
    // remember() may hand in sends out of order; grants always come in order.
    if (sent.length > 1 && sent[sent.length - 2]! > at) sent.sort((a, b) => a - b);
    groupSent.set(chatId, sent);
  }

  /** Grants every waiter that may go now; returns ms until the next grant could happen. */
  function grant(): number | null {
    const t = now();
    refill(t);
    for (const [chat, at] of lastSent) if (at + interval <= t) lastSent.delete(chat);
    for (const chat of groupSent.keys()) groupHistory(chat, t);
    if (queue.length === 0) return null;
    if (t < pausedUntil) return pausedUntil - t;
    let wait = Infinity;
    const behind = new Set<string>();
    for (let i = 0; i < queue.length;) {
      const w = queue[i]!;
      if (behind.has(w.chatId)) {
        i += 1;
        continue;
      }
      const chatDelay = chatWait(w.chatId, t);
      if (chatDelay > 0) {
        behind.add(w.chatId);
        wait = Math.min(wait, chatDelay);
        i += 1;
        continue;
      }
      if (tokens < 1 - EPSILON) {
        wait = Math.min(wait, Math.ceil((1 - tokens) * msPerToken));
        break;
      }
      tokens = Math.max(0, tokens - 1);
      record(w.chatId, t);
      queue.splice(i, 1);
      w.detach?.();
      w.resolve();
    }
    return queue.length === 0 ? null : Math.max(1, wait);
  }

  /** Grants what it can and keeps exactly one wake-up armed at the earliest useful time. */
  function arm(): void {
    const wait = grant();
    if (wait === null) {
      // Nothing waits: drop the wake-up so an idle limiter keeps no timer alive.
      timer?.abort.abort();
      timer = null;
      return;
    }
    const at = now() + wait;
    if (timer && timer.at <= at) return;
    timer?.abort.abort();
    const mine = { at, abort: new AbortController() };
    timer = mine;
    const wake = (): void => {
      if (timer !== mine) return;
      timer = null;
      arm();
    };
    sleep(wait, mine.abort.signal).then(wake, wake);
  }

  return {
    acquire(chatId: string, signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { chatId, resolve, reject };
        if (signal) {
          const onAbort = (): void => {
            const at = queue.indexOf(waiter);
            if (at < 0) return;
            queue.splice(at, 1);
            reject(signal.reason as Error);
            arm();
          };
          signal.addEventListener('abort', onAbort, { once: true });
          waiter.detach = () => signal.removeEventListener('abort', onAbort);
        }
        queue.push(waiter);
        arm();
      });
    },

    pause(ms: number): void {
      if (!(ms > 0)) return;
      pausedUntil = Math.max(pausedUntil, now() + ms);
      arm();
    },

    remember(chatId: string, at: number): void {
      record(chatId, at);
      arm();
    },

    get pending() {
      return queue.length;
    },

    get trackedChats() {
      return new Set([...lastSent.keys(), ...groupSent.keys()]).size;
    },
  };
}
