import type { Redis } from 'ioredis';
import { redactSecrets } from './redact';
import { isError } from './is-error';

/** Where heartbeats are kept. packages/db implements the same shape on SQL. */
export interface HeartbeatStore {
  beat(role: string, instance: string, at: Date): Promise<void>;
  lastBeats(role: string): Promise<Array<{ instance: string; at: Date }>>;
}

/** Seconds a Redis heartbeat key lives without a fresh beat. */
export const HEARTBEAT_TTL_SEC = 30;

/** Heartbeats older than this are `stale`. */
export const HEARTBEAT_STALE_AFTER_MS = 30_000;

/**
 * Heartbeats in Redis: key `<prefix>:heartbeat:<role>:<instance>`, value the ISO time,
 * expiring after 30 s. Reads use SCAN, never KEYS, so a big keyspace is not blocked.
 */
export function createRedisHeartbeatStore(redis: Redis, prefix: string): HeartbeatStore {
  const keyPrefix = (role: string): string => `${prefix}:heartbeat:${role}:`;
  return {
    async beat(role, instance, at) {
      await redis.set(`${keyPrefix(role)}${instance}`, at.toISOString(), 'EX', HEARTBEAT_TTL_SEC);
    },
    async lastBeats(role) {
      const head = keyPrefix(role);
      const keys = new Set<string>();
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(
          cursor,
          'MATCH',
          `${escapeGlob(head)}*`,
          'COUNT',
          200,
        );
        cursor = next;
        for (const key of batch) keys.add(key);
      } while (cursor !== '0');
      if (keys.size === 0) return [];
      const list = [...keys];
      const values = await redis.mget(...list);
      const beats: Array<{ instance: string; at: Date }> = [];
      list.forEach((key, i) => {
        const value = values[i];
        // A key that expired between SCAN and MGET is simply gone.
        if (value == null) return;
        const at = new Date(value);
        if (!Number.isNaN(at.getTime())) beats.push({ instance: key.slice(head.length), at });
      });
      return beats;
    },
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Options for {@link startHeartbeat}. */
export interface HeartbeatOptions {
  store: HeartbeatStore;
  role: string;
  instance: string;
  /** Default 10 000 ms. */
  intervalMs?: number;
  logger: { warn(msg: string, meta?: object): unknown };
  now?: () => Date;
}

/**
 * Beats at once, then every `intervalMs`. A failed beat logs a warning and the next one is
 * tried on schedule; beats never overlap. The timer does not keep the process alive.
 */
export function startHeartbeat(opts: HeartbeatOptions): { stop(): Promise<void> } {
  const now = opts.now ?? (() => new Date());
  let inFlight: Promise<void> | undefined;
  let stopped = false;

  const tick = (): void => {
    if (stopped || inFlight) return;
    inFlight = opts.store
      .beat(opts.role, opts.instance, now())
      .catch((err: unknown) => {
        const reason = redactSecrets(isError(err) ? err.message : String(err));
        opts.logger.warn(`Heartbeat failed for ${opts.role}/${opts.instance}: ${reason}`, {
          role: opts.role,
          instance: opts.instance,
        });
      })
      .finally(() => {
        inFlight = undefined;
      });
  };

  tick();
  const timer = setInterval(tick, opts.intervalMs ?? 10_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** Health of a role from its heartbeats. */
export type HeartbeatStatus = 'ok' | 'stale' | 'absent';

/**
 * `absent` when no beat exists, `stale` when the newest is older than `staleAfterMs`,
 * else `ok`.
 */
export function heartbeatStatus(
  beats: ReadonlyArray<{ at: Date }>,
  now: Date,
  staleAfterMs: number = HEARTBEAT_STALE_AFTER_MS,
): HeartbeatStatus {
  if (beats.length === 0) return 'absent';
  const newest = Math.max(...beats.map((b) => b.at.getTime()));
  return now.getTime() - newest > staleAfterMs ? 'stale' : 'ok';
}
