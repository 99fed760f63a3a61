import type { Redis } from 'ioredis';
import { errorText } from './describe-error';

/** Where heartbeats are kept. packages/db implements the same shape on SQL. */
export interface HeartbeatStore {
  beat(role: string, instance: string, at: Date): Promise<void>;
  lastBeats(role: string): Promise<Array<{ instance: string; at: Date }>>;
}

/** Seconds a Redis heartbeat key lives without a fresh beat. */
export const HEARTBEAT_TTL_SEC = 30;

/** Heartbeats older than this are `stale`. */
export const HEARTBEAT_STALE_AFTER_MS = 30_000;

/** Entries this much older than the newest are dropped, so a replaced replica is forgotten. */
export const HEARTBEAT_FORGET_AFTER_MS = 24 * 3600_000;

/**
 * Heartbeats in Redis. Each beat sets key `<prefix>:heartbeat:<role>:<instance>` (the ISO time,
 * expiring after 30 s: "is it alive now") and the field `<instance>` of the hash
 * `<prefix>:heartbeat-last:<role>` ("when was it last seen"). Reads use the hash, so a role
 * whose keys have expired reads as `stale`, not as never seen (`absent`).
 */
export function createRedisHeartbeatStore(redis: Redis, prefix: string): HeartbeatStore {
  const lastSeenKey = (role: string): string => `${prefix}:heartbeat-last:${role}`;
  return {
    async beat(role, instance, at) {
      await redis
        .multi()
        .set(`${prefix}:heartbeat:${role}:${instance}`, at.toISOString(), 'EX', HEARTBEAT_TTL_SEC)
        .hset(lastSeenKey(role), instance, at.toISOString())
        .exec();
    },
    async lastBeats(role) {
      const entries = await redis.hgetall(lastSeenKey(role));
      const seen = Object.entries(entries).map(([instance, value]) => ({
        instance,
        at: new Date(value),
      }));
      const newest = Math.max(...seen.map((b) => b.at.getTime()).filter(Number.isFinite));
      const beats: Array<{ instance: string; at: Date }> = [];
      const forgotten: string[] = [];
      for (const beat of seen) {
        const t = beat.at.getTime();
        if (Number.isNaN(t) || newest - t > HEARTBEAT_FORGET_AFTER_MS)
          forgotten.push(beat.instance);
        else beats.push(beat);
      }
      if (forgotten.length > 0) await redis.hdel(lastSeenKey(role), ...forgotten);
      return beats;
    },
  };
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
        const reason = errorText(err);
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
