import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { describeWithRedis, testRedisUrl } from '@test-support/services';
import { Redis } from 'ioredis';
import { createRedisHeartbeatStore, heartbeatStatus, startHeartbeat } from './heartbeat';

describeWithRedis('createRedisHeartbeatStore (real Redis)', () => {
  let redis: Redis;
  let prefix: string;

  beforeAll(() => {
    redis = new Redis(testRedisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await redis.quit();
  });
  beforeEach(() => {
    prefix = `test-ops-${randomUUID()}`;
  });
  afterEach(async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  });

  it('writes <prefix>:heartbeat:<role>:<instance> = ISO time with a 30 s TTL', async () => {
    const store = createRedisHeartbeatStore(redis, prefix);
    await store.beat('worker', 'host-a:42', new Date('2026-11-28T07:00:00.000Z'));
    const key = `${prefix}:heartbeat:worker:host-a:42`;
    expect(await redis.get(key)).toBe('2026-11-28T07:00:00.000Z');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('lists the latest beat of every instance of one role only', async () => {
    const store = createRedisHeartbeatStore(redis, prefix);
    await store.beat('worker', 'a', new Date('2026-11-28T07:00:00.000Z'));
    await store.beat('worker', 'a', new Date('2026-11-28T07:00:10.000Z'));
    await store.beat('worker', 'b', new Date('2026-11-28T07:00:05.000Z'));
    await store.beat('tgbot', 'c', new Date('2026-11-28T07:00:07.000Z'));
    await store.beat('worker-x', 'd', new Date('2026-11-28T07:00:07.000Z'));

    const beats = await store.lastBeats('worker');
    const byInstance = Object.fromEntries(beats.map((b) => [b.instance, b.at.toISOString()]));
    expect(byInstance).toEqual({
      a: '2026-11-28T07:00:10.000Z',
      b: '2026-11-28T07:00:05.000Z',
    });
    expect(await store.lastBeats('scheduler')).toEqual([]);
  });

  it('reads a role whose alive-keys expired as stale, not absent', async () => {
    const store = createRedisHeartbeatStore(redis, prefix);
    const at = new Date('2026-11-28T07:00:00.000Z');
    await store.beat('worker', 'gone', at);
    await redis.del(`${prefix}:heartbeat:worker:gone`);

    const beats = await store.lastBeats('worker');

    expect(beats).toEqual([{ instance: 'gone', at }]);
    expect(heartbeatStatus(beats, new Date(at.getTime() + 60_000))).toBe('stale');
  });

  it('forgets instances a day older than the newest beat', async () => {
    const store = createRedisHeartbeatStore(redis, prefix);
    await store.beat('worker', 'old', new Date('2026-11-20T07:00:00.000Z'));
    await store.beat('worker', 'new', new Date('2026-11-28T07:00:00.000Z'));

    expect((await store.lastBeats('worker')).map((b) => b.instance)).toEqual(['new']);
    expect(await redis.hkeys(`${prefix}:heartbeat-last:worker`)).toEqual(['new']);
  });

  it('lists many instances', async () => {
    const store = createRedisHeartbeatStore(redis, prefix);
    const at = new Date('2026-11-28T07:00:00.000Z');
    await Promise.all(Array.from({ length: 450 }, (_, i) => store.beat('worker', `i${i}`, at)));
    const beats = await store.lastBeats('worker');
    expect(new Set(beats.map((b) => b.instance)).size).toBe(450);
  });

  it('feeds heartbeatStatus through startHeartbeat', async () => {
    const store = createRedisHeartbeatStore(redis, prefix);
    const now = new Date();
    expect(heartbeatStatus(await store.lastBeats('tgbot'), now)).toBe('absent');
    const hb = startHeartbeat({
      store,
      role: 'tgbot',
      instance: 'one',
      logger: { warn: () => undefined },
      now: () => now,
    });
    await hb.stop();
    expect(heartbeatStatus(await store.lastBeats('tgbot'), now)).toBe('ok');
    expect(heartbeatStatus(await store.lastBeats('tgbot'), new Date(now.getTime() + 31_000))).toBe(
      'stale',
    );
  });
});
