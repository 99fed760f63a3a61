import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { heartbeatStatus, startHeartbeat, type HeartbeatStore } from './heartbeat';

function memoryStore(): HeartbeatStore & {
  beats: Array<{ role: string; instance: string; at: Date }>;
} {
  const beats: Array<{ role: string; instance: string; at: Date }> = [];
  return {
    beats,
    beat: async (role, instance, at) => {
      await Promise.resolve();
      beats.push({ role, instance, at });
    },
    lastBeats: async (role) => {
      await Promise.resolve();
      const latest = new Map<string, Date>();
      for (const b of beats) if (b.role === role) latest.set(b.instance, b.at);
      return [...latest].map(([instance, at]) => ({ instance, at }));
    },
  };
}

describe('startHeartbeat', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-28T07:00:00.000Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('beats immediately, then every interval, until stopped', async () => {
    const store = memoryStore();
    const logger = { warn: jest.fn() };
    const hb = startHeartbeat({ store, role: 'worker', instance: 'w-1', logger });
    await jest.advanceTimersByTimeAsync(0);
    expect(store.beats.map((b) => b.at.toISOString())).toEqual(['2026-11-28T07:00:00.000Z']);

    await jest.advanceTimersByTimeAsync(20_000);
    expect(store.beats.map((b) => b.at.toISOString())).toEqual([
      '2026-11-28T07:00:00.000Z',
      '2026-11-28T07:00:10.000Z',
      '2026-11-28T07:00:20.000Z',
    ]);
    expect(store.beats.every((b) => b.role === 'worker' && b.instance === 'w-1')).toBe(true);

    await hb.stop();
    await jest.advanceTimersByTimeAsync(30_000);
    expect(store.beats).toHaveLength(3);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('logs a failed beat as a warning and keeps beating', async () => {
    const store = memoryStore();
    const real = store.beat.bind(store);
    let calls = 0;
    store.beat = async (...args) => {
      calls++;
      if (calls === 1) throw new Error('connect ECONNREFUSED redis://:pw@cache:6379');
      return real(...args);
    };
    const warnings: string[] = [];
    const hb = startHeartbeat({
      store,
      role: 'tgbot',
      instance: 'b-1',
      intervalMs: 5000,
      logger: { warn: (msg: string) => warnings.push(msg) },
    });
    await jest.advanceTimersByTimeAsync(5000);
    await hb.stop();
    expect(warnings).toEqual([
      'Heartbeat failed for tgbot/b-1: connect ECONNREFUSED redis://:***@cache:6379',
    ]);
    expect(store.beats).toHaveLength(1);
  });

  it('uses the injected clock', async () => {
    const store = memoryStore();
    const hb = startHeartbeat({
      store,
      role: 'worker',
      instance: 'w',
      logger: { warn: () => undefined },
      now: () => new Date('2030-01-01T00:00:00.000Z'),
    });
    await hb.stop();
    expect(store.beats[0]!.at.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('never overlaps a slow beat with the next one', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const store: HeartbeatStore = {
      beat: async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 25_000));
        inFlight--;
      },
      lastBeats: async () => Promise.resolve([]),
    };
    const hb = startHeartbeat({
      store,
      role: 'w',
      instance: 'i',
      logger: { warn: () => undefined },
    });
    await jest.advanceTimersByTimeAsync(60_000);
    const stopped = hb.stop();
    await jest.advanceTimersByTimeAsync(25_000);
    await stopped;
    expect(maxInFlight).toBe(1);
  });
});

describe('heartbeatStatus', () => {
  const now = new Date('2026-11-28T07:00:30.000Z');
  const at = (iso: string) => ({ instance: 'x', at: new Date(iso) });

  it('is absent when nothing was ever written', () => {
    expect(heartbeatStatus([], now)).toBe('absent');
  });

  it('is ok when the newest beat is at most 30 s old', () => {
    expect(heartbeatStatus([at('2026-11-28T07:00:00.000Z')], now)).toBe('ok');
    expect(
      heartbeatStatus([at('2026-11-28T06:00:00.000Z'), at('2026-11-28T07:00:25.000Z')], now),
    ).toBe('ok');
  });

  it('is stale when the newest beat is older than the threshold', () => {
    expect(heartbeatStatus([at('2026-11-28T06:59:59.999Z')], now)).toBe('stale');
    expect(heartbeatStatus([at('2026-11-28T07:00:25.000Z')], now, 1000)).toBe('stale');
  });
});
