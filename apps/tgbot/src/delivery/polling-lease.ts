// Telegram lets one getUpdates poller live per bot (a second one gets 409 Conflict), and a
// redeploy briefly runs the old and the new container side by side. A Redis key with a TTL
// decides which one polls: the holder renews it, and a holder that dies stops renewing, so the
// key expires and a waiting container takes over within one TTL.
import { errorText, type Logger } from '@scoreline/ops';
import type { Redis } from 'ioredis';
import { setTimeout as delay } from 'node:timers/promises';

/** Options for {@link createPollingLease}. */
export interface PollingLeaseOptions {
  redis: Redis;
  /** The Redis key, e.g. `<prefix>:tgbot:polling`. */
  key: string;
  /** Who we are (instance id, e.g. `hostname:pid`); stored as the key's value. */
  owner: string;
  /** How long the lease outlives its last renewal (default 30 s). */
  ttlMs?: number;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** How often the holder renews (default ttl/3, so two renewals may fail before it expires). */
  renewEveryMs?: number;
  /** How often a waiting container tries again (default ttl/3). */
  retryEveryMs?: number;
}

/** Why the lease was lost: `holder` is who has it now (null: nobody, or Redis unreachable). */
export interface LeaseLostInfo {
  holder: string | null;
  reason: 'taken' | 'expired' | 'unreachable';
}

/** A lease on "the one container that polls". */
export interface PollingLease {
  /**
   * Resolves once we hold the lease (at once when we already do). Rejects with `signal.reason`
   * when `signal` aborts first.
   */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Calls `cb` once per loss (renewal found another owner, no key, or Redis gone for a TTL). */
  onLost(cb: (info: LeaseLostInfo) => void): () => void;
  /** Stops renewing and deletes the key if it still names us (never someone else's lease). */
  release(): Promise<void>;
  /** The owner stored in the key, or null when nobody holds it. */
  holder(): Promise<string | null>;
  /** Whether we believe we hold it (true between acquire and release or loss). */
  readonly held: boolean;
}

// Take the key when free, extend it when already ours; otherwise answer with the holder, so
// the waiting line can name it without a second round trip.
const ACQUIRE = `
local v = redis.call('GET', KEYS[1])
if v == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if v == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return v`;

// Extend only our own lease; 0 means someone else has it or it expired.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

// Delete only our own lease: after a loss the key may name the container that took over.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** `work`, or a rejection once `ms` has passed without an answer. */
function beforeDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer from Redis before the lease TTL')), ms);
    timer.unref();
  });
  // The late answer, if any, is dropped with the race.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Creates the lease; nothing touches Redis until `acquire()`. */
export function createPollingLease(opts: PollingLeaseOptions): PollingLease {
  const { redis, key, owner, logger } = opts;
  const ttlMs = opts.ttlMs ?? 30_000;
  const renewEveryMs = opts.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
  const retryEveryMs = opts.retryEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
  if (!owner) throw new TypeError('lease owner must be a non-empty string');
  if (!(ttlMs > 0) || renewEveryMs >= ttlMs) {
    throw new RangeError('lease ttlMs must be positive and longer than renewEveryMs');
  }

  const listeners = new Set<(info: LeaseLostInfo) => void>();
  let held = false;
  let renewTimer: NodeJS.Timeout | undefined;
  // Bumped on every acquire/release/loss, so a renewal in flight from an older term is ignored.
  let term = 0;

  function stopRenewing(): void {
    if (renewTimer) clearTimeout(renewTimer);
    renewTimer = undefined;
  }

  function lose(info: LeaseLostInfo): void {
    held = false;
    term += 1;
    stopRenewing();
    logger.warn('polling lease lost: this instance stops polling', {
      key,
      owner,
      holder: info.holder,
      reason: info.reason,
    });
    for (const cb of listeners) {
      try {
        cb(info);
      } catch (err) {
        logger.warn('polling lease: onLost callback failed', { key, error: errorText(err) });
      }
    }
  }

  function scheduleRenewal(myTerm: number, lastRenewedAt: number): void {
    renewTimer = setTimeout(() => void renew(myTerm, lastRenewedAt), renewEveryMs);
    // The lease alone must not keep a process alive that is otherwise done.
    renewTimer.unref();
  }

  async function renew(myTerm: number, lastRenewedAt: number): Promise<void> {
    // The key's TTL counts from when Redis ran the command, which is no earlier than this.
    const sentAt = Date.now();
    try {
      // ioredis holds commands while it reconnects; a renewal still unanswered when the TTL
      // runs out is a lost lease, however long Redis takes to say so.
      const ok = await beforeDeadline(
        redis.eval(RENEW, 1, key, owner, ttlMs),
        lastRenewedAt + ttlMs - sentAt,
      );
      if (myTerm !== term) return;
      if (ok === 1) {
        scheduleRenewal(myTerm, sentAt);
        return;
      }
      const now = await redis.get(key).catch(() => null);
      if (myTerm !== term) return;
      lose({ holder: now, reason: now === null ? 'expired' : 'taken' });
    } catch (err) {
      if (myTerm !== term) return;
      // Past the TTL without a renewal, another container may already poll: stop, to be safe.
      if (Date.now() - lastRenewedAt >= ttlMs) {
        lose({ holder: null, reason: 'unreachable' });
        return;
      }
      logger.warn('polling lease renewal failed; retrying', { key, error: errorText(err) });
      scheduleRenewal(myTerm, lastRenewedAt);
    }
  }

  return {
    async acquire(signal?: AbortSignal): Promise<void> {
      let announced = false;
      let failing = false;
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        let answer: unknown;
        try {
          answer = await redis.eval(ACQUIRE, 1, key, owner, ttlMs);
          failing = false;
        } catch (err) {
          // Redis being away is a reason to wait, not to give up on polling for good.
          if (!failing) {
            logger.warn('polling lease: Redis unavailable; retrying', {
              key,
              error: errorText(err),
            });
          }
          failing = true;
        }
        if (signal?.aborted) {
          // Taken just as the caller gave up: hand it back rather than block others for a TTL.
          if (answer === 1 && !held) await redis.eval(RELEASE, 1, key, owner).catch(() => 0);
          throw signal.reason;
        }
        if (answer === 1) {
          // Already held: the running renewal carries on.
          if (!held) {
            held = true;
            term += 1;
            if (announced) logger.info('polling lease acquired after waiting', { key, owner });
            scheduleRenewal(term, Date.now());
          }
          return;
        }
        if (typeof answer === 'string' && !announced) {
          announced = true;
          logger.info(
            `polling lease ${key} is held by ${answer}; waiting for it (retry every ${retryEveryMs} ms)`,
            { key, owner, holder: answer },
          );
        }
        await delay(retryEveryMs, undefined, signal ? { signal } : {}).catch(() => {
          if (signal?.aborted) throw signal.reason;
        });
      }
    },

    onLost(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },

    async release(): Promise<void> {
      const wasHeld = held;
      held = false;
      term += 1;
      stopRenewing();
      const deleted = (await redis.eval(RELEASE, 1, key, owner)) === 1;
      if (wasHeld) logger.info('polling lease released', { key, owner, deleted });
    },

    holder(): Promise<string | null> {
      return redis.get(key);
    },

    get held() {
      return held;
    },
  };
}
