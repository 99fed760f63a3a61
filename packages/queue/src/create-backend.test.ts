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
