import { describe, expect, it } from '@jest/globals';
import { createQueueBackend } from './create-backend';
import { memoryLogger } from './test-support/wait-for';

describe('createQueueBackend', () => {
  it('uses the in-process queue when no Redis is configured (embedded default)', async () => {
    const backend = createQueueBackend({
      prefix: 'scoreline',
      logger: memoryLogger(),
      role: 'both',
    });
    expect(backend.kind).toBe('in-process');
    await backend.close();
  });

  it('treats an empty REDIS_URL as not configured', async () => {
    const backend = createQueueBackend({
      redisUrl: '',
      prefix: 'scoreline',
      logger: memoryLogger(),
      role: 'both',
    });
    expect(backend.kind).toBe('in-process');
    await backend.close();
  });

  it('uses BullMQ when a Redis URL is set, without connecting until first use', async () => {
    const logger = memoryLogger();
    const backend = createQueueBackend({
      redisUrl: 'redis://127.0.0.1:1/0',
      prefix: 'scoreline',
      logger,
      role: 'producer',
    });
    expect(backend.kind).toBe('bullmq');
    await backend.close();
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('createQueueBackend with a consumer list', () => {
  const noop = () => Promise.resolve({ status: 'sent' as const, messageId: 1 });

  it('When a role consumes no queue and starts workers, then it fails at once naming the role and the queue', async () => {
    const backend = createQueueBackend({
      prefix: 'scoreline',
      logger: memoryLogger(),
      role: 'producer',
      consumer: { role: 'api', queues: [] },
    });
    await expect(backend.startWorkers({ outbox: noop }, { only: ['outbox'] })).rejects.toThrow(
      'role api consumes no queue, yet it started workers for: outbox',
    );
    await backend.close();
  });

  it('When a role starts workers for a queue it does not consume, then it fails naming both', async () => {
    const backend = createQueueBackend({
      prefix: 'scoreline',
      logger: memoryLogger(),
      role: 'both',
      consumer: { role: 'tgbot', queues: ['outbox'] },
    });
    await expect(backend.startWorkers({ outbox: noop })).rejects.toThrow(
      'role tgbot does not consume queue predict, retrain, sync, settle, maintenance, digest, explain, season, ratings; it consumes outbox',
    );
    const handle = await backend.startWorkers({ outbox: noop }, { only: ['outbox'] });
    expect(handle.names).toEqual(['outbox']);
    await backend.close();
  });

  it('When a consuming role is given a producer-only queue, then creating it fails naming the role', () => {
    expect(() =>
      createQueueBackend({
        redisUrl: 'redis://127.0.0.1:1/0',
        prefix: 'scoreline',
        logger: memoryLogger(),
        role: 'producer',
        consumer: { role: 'tgbot', queues: ['outbox'] },
      }),
    ).toThrow('role tgbot consumes outbox but its queue was created producer-only');
  });
});
