// No Redis needed: these check that a producer fails fast, and shuts down, when Redis is gone.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { QueueBackend } from './backend';
import { createBullmqBackend } from './bullmq-backend';
import { QueueUnavailableError } from './errors';
import { memoryLogger } from './test-support/wait-for';

// Port 1 on loopback: nothing listens, connections are refused at once.
const DEAD_REDIS = 'redis://127.0.0.1:1/0';

describe('bullmq backend without Redis', () => {
  let backend: QueueBackend | undefined;

  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  it('When Redis refuses connections, then enqueue fails within the command timeout as unavailable, and at once after that', async () => {
    const logger = memoryLogger();
    backend = createBullmqBackend({
      redisUrl: DEAD_REDIS,
      prefix: 'test',
      logger,
      role: 'producer',
      commandTimeoutMs: 300,
    });
    const err = await backend.enqueue('settle', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueUnavailableError);
    expect((err as Error).message).toBe("enqueue settle: the queue's Redis is unreachable");
    expect((err as QueueUnavailableError).retryAfterSec).toBeGreaterThan(0);
    // The connection is now known to be down: the next call does not wait out its deadline
    // (a 60 s deadline would time the test out).
    const again = await backend
      .request('predict', { home: 'A', away: 'B' }, { timeoutMs: 60_000 })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(QueueUnavailableError);
    expect(
      logger.lines.some((l) => l.level === 'error' && l.message === 'queue connection error'),
    ).toBe(true);
  });

  it('When Redis is unreachable, then a request fails as unavailable, not as a worker timeout', async () => {
    backend = createBullmqBackend({
      redisUrl: DEAD_REDIS,
      prefix: 'test',
      logger: memoryLogger(),
      role: 'producer',
    });
    const err = await backend
      .request('predict', { league: 'E0', home: 'A', away: 'B' }, { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueUnavailableError);
    expect((err as Error).message).toBe("request predict: the queue's Redis is unreachable");
  });

  it('validates before touching Redis', async () => {
    backend = createBullmqBackend({
      redisUrl: DEAD_REDIS,
      prefix: 'test',
      logger: memoryLogger(),
      role: 'producer',
    });
    await expect(backend.enqueue('maintenance', { tasks: ['defrag'] } as never)).rejects.toThrow(
      'invalid maintenance payload: tasks must be a non-empty array of backup, vacuum, cleanup',
    );
    await expect(backend.upsertSchedule('a:b', '* * * * *', 'settle', {})).rejects.toThrow(
      /schedule id/,
    );
  });

  it('gives up starting workers when closed while Redis is unreachable', async () => {
    backend = createBullmqBackend({
      redisUrl: DEAD_REDIS,
      prefix: 'test',
      logger: memoryLogger(),
      role: 'worker',
    });
    const starting = backend.startWorkers(
      { settle: () => Promise.resolve({ status: 'ok', settled: 0 }) },
      { only: ['settle'] },
    );
    await new Promise((r) => setTimeout(r, 200));
    await backend.close();
    await expect(starting).rejects.toThrow('queue backend closed while workers were starting');
  });

  it('is unusable after close', async () => {
    backend = createBullmqBackend({
      redisUrl: DEAD_REDIS,
      prefix: 'test',
      logger: memoryLogger(),
      role: 'producer',
    });
    await backend.close();
    await expect(backend.enqueue('settle', {})).rejects.toThrow('BullMQ queue backend is closed');
  });
});
