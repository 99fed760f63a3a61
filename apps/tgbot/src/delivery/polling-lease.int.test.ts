import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { describeWithRedis, testRedisUrl } from '@test-support/services';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPollingLease, type LeaseLostInfo, type PollingLease } from './polling-lease';

function recordingLogger() {
  const lines: Array<{ level: string; msg: string; meta?: object }> = [];
  const at = (level: string) => (msg: string, meta?: object) => {
    lines.push({ level, msg, ...(meta ? { meta } : {}) });
  };
  return { lines, info: at('info'), warn: at('warn') };
}

/** Polls until `accept` holds (bounded); tests never sleep a guessed amount for an outcome. */
async function waitFor(accept: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await accept())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

const uniqueKey = () => `test:tgbot:polling:${randomBytes(6).toString('hex')}`;

describeWithRedis('createPollingLease (real Redis)', () => {
  const clients: Redis[] = [];
  const leases: PollingLease[] = [];
  let admin: Redis;

  const client = () => {
    const r = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
    clients.push(r);
    return r;
  };

  const lease = (key: string, owner: string, extra: { ttlMs?: number } = {}) => {
    const logger = recordingLogger();
    const l = createPollingLease({
      redis: client(),
      key,
      owner,
      logger,
      ttlMs: extra.ttlMs ?? 300,
    });
    leases.push(l);
    return { lease: l, logger };
  };

  beforeAll(() => {
    admin = client();
  });

  afterEach(async () => {
    await Promise.all(leases.splice(0).map((l) => l.release().catch(() => undefined)));
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('When a second container asks while the first holds the lease, then it waits, names the holder once, and takes over when the first releases', async () => {
    const key = uniqueKey();
    const a = lease(key, 'container-a');
    const b = lease(key, 'container-b');
    await a.lease.acquire();

    let bHolds = false;
    const waiting = b.lease.acquire().then(() => {
      bHolds = true;
    });
    await waitFor(() => b.logger.lines.some((l) => l.msg.includes('held by container-a')));
    // Several retries (every ttl/3) later it is still waiting.
    await sleep(300);
    expect(bHolds).toBe(false);
    expect(await b.lease.holder()).toBe('container-a');

    await a.lease.release();
    await waiting;
    expect(bHolds).toBe(true);
    expect(await admin.get(key)).toBe('container-b');
    expect(b.logger.lines.filter((l) => l.msg.includes('held by'))).toHaveLength(1);
    expect(a.lease.held).toBe(false);
    expect(b.lease.held).toBe(true);
  });

  it('When the holder keeps renewing, then the lease outlives its TTL', async () => {
    const key = uniqueKey();
    const a = lease(key, 'container-a', { ttlMs: 300 });
    await a.lease.acquire();
    // Three TTLs: without renewals the key would be long gone.
    await sleep(900);
    expect(await admin.get(key)).toBe('container-a');
    expect(a.lease.held).toBe(true);
  });

  it('When the holder dies and stops renewing, then a waiting container takes the lease after the TTL', async () => {
    const key = uniqueKey();
    // A holder that never renews: its key simply runs out.
    await admin.set(key, 'dead-container', 'PX', 300);
    const b = lease(key, 'container-b');

    await b.lease.acquire();

    expect(await admin.get(key)).toBe('container-b');
    expect(b.logger.lines[0]?.msg).toContain('held by dead-container');
  });

  it('When acquire is called while already holding, then it resolves at once and renewal carries on', async () => {
    const key = uniqueKey();
    const a = lease(key, 'container-a');
    await a.lease.acquire();
    await a.lease.acquire();

    await sleep(900);
    expect(await admin.get(key)).toBe('container-a');
  });

  it('When another container now holds the key, then release leaves its lease alone', async () => {
    const key = uniqueKey();
    const a = lease(key, 'container-a', { ttlMs: 5000 });
    await a.lease.acquire();
    await admin.set(key, 'container-c', 'PX', 5000);

    await a.lease.release();
    expect(await admin.get(key)).toBe('container-c');
  });

  it('When the key is stolen, then onLost fires with the new holder and renewal stops', async () => {
    const key = uniqueKey();
    const a = lease(key, 'container-a');
    const lost: LeaseLostInfo[] = [];
    a.lease.onLost((info) => lost.push(info));
    await a.lease.acquire();

    await admin.set(key, 'container-thief', 'PX', 5000);
    await waitFor(() => lost.length > 0);

    expect(lost).toEqual([{ holder: 'container-thief', reason: 'taken' }]);
    expect(a.lease.held).toBe(false);
    // Renewal stopped: the thief's TTL is not extended by us, and no second loss is reported.
    await sleep(300);
    expect(await admin.get(key)).toBe('container-thief');
    expect(lost).toHaveLength(1);
  });

  it('When the key disappears, then onLost fires with no holder', async () => {
    const key = uniqueKey();
    const a = lease(key, 'container-a');
    const lost: LeaseLostInfo[] = [];
    a.lease.onLost((info) => lost.push(info));
    await a.lease.acquire();

    await admin.del(key);
    await waitFor(() => lost.length > 0);

    expect(lost).toEqual([{ holder: null, reason: 'expired' }]);
  });

  it('When the holder cannot reach Redis for a whole TTL, then onLost fires as unreachable', async () => {
    const key = uniqueKey();
    // Not in `clients`: it is closed here, not quit at the end.
    const cut = new Redis(testRedisUrl, { maxRetriesPerRequest: 0, enableOfflineQueue: false });
    const logger = recordingLogger();
    const a = createPollingLease({ redis: cut, key, owner: 'container-a', ttlMs: 300, logger });
    const lost: LeaseLostInfo[] = [];
    a.onLost((info) => lost.push(info));
    await a.acquire();

    cut.disconnect();
    await waitFor(() => lost.length > 0);

    expect(lost).toEqual([{ holder: null, reason: 'unreachable' }]);
    expect(a.held).toBe(false);
  });

  it('When a waiting acquire is aborted, then it rejects with the reason and never takes the lease', async () => {
    const key = uniqueKey();
    const a = lease(key, 'container-a', { ttlMs: 5000 });
    const b = lease(key, 'container-b', { ttlMs: 5000 });
    await a.lease.acquire();
    const abort = new AbortController();

    const waiting = b.lease.acquire(abort.signal);
    await waitFor(() => b.logger.lines.length > 0);
    abort.abort(new Error('shutting down'));

    await expect(waiting).rejects.toThrow('shutting down');
    await a.lease.release();
    expect(await admin.get(key)).toBeNull();
    expect(b.lease.held).toBe(false);
  });
});
