import type { Db } from '../create-db';
import { toDate, toDbTimestamp } from '../values';

/** Heartbeat storage as `@scoreline/ops` uses it when Redis is not configured. */
export interface HeartbeatStore {
  beat(role: string, instance: string, at: Date): Promise<void>;
  lastBeats(role: string): Promise<Array<{ instance: string; at: Date }>>;
}

/** A {@link HeartbeatStore} over the `heartbeats` table: one row per role and instance. */
export function createSqlHeartbeatStore(db: Db): HeartbeatStore {
  return {
    async beat(role, instance, at) {
      await db
        .writer('heartbeats')
        .insert({ role, instance, beat_at: toDbTimestamp(at) })
        .onConflict(['role', 'instance'])
        .merge(['beat_at']);
    },
    async lastBeats(role) {
      // Staleness is judged in tens of seconds, so replica lag does not matter here.
      const rows = await db
        .reader('heartbeats')
        .select('instance', 'beat_at')
        .where({ role })
        .orderBy('beat_at', 'desc');
      return rows.map((r: { instance: string; beat_at: unknown }) => ({
        instance: r.instance,
        at: toDate(r.beat_at),
      }));
    },
  };
}
