// The role table against what the apps really do: the worker's processors and the tgbot's
// outbox, and the queue each process is given.
import { describe, expect, it } from '@jest/globals';
import { ALL_JOB_NAMES } from '@scoreline/queue';
import { WORKER_JOBS } from '@scoreline/worker';
import { createRoleQueue } from './compose';
import { ROLE_ORDER, ROLE_STARTERS, queuesConsumedBy, rolesOf } from './table';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const config = (role: 'api' | 'worker' | 'tgbot' | 'all') => ({
  role,
  redis: undefined,
  queue: { prefix: 'roles-test' },
});

describe('the role table', () => {
  it('When the worker starts its processors, then they are exactly the queues the table says it consumes', () => {
    expect([...ROLE_STARTERS.worker.consumes].sort()).toEqual([...WORKER_JOBS].sort());
  });

  it('When every role is counted, then each queue has exactly one consuming role and at least one producer', () => {
    for (const name of ALL_JOB_NAMES) {
      const consumers = ROLE_ORDER.filter((r) => ROLE_STARTERS[r].consumes.includes(name));
      const producers = ROLE_ORDER.filter((r) => ROLE_STARTERS[r].produces.includes(name));
      expect({ name, consumers: consumers.length }).toEqual({ name, consumers: 1 });
      expect(producers.length).toBeGreaterThan(0);
    }
  });

  it('When ROLE=all, then the process runs the three roles, worker first', () => {
    expect(rolesOf('all')).toEqual(['worker', 'api', 'tgbot']);
    expect(rolesOf('tgbot')).toEqual(['tgbot']);
    expect(queuesConsumedBy(['api'])).toEqual([]);
    expect(queuesConsumedBy(['tgbot'])).toEqual(['outbox']);
  });

  it('When the api process tries to consume, then its queue refuses naming the role and the queue', async () => {
    const queue = createRoleQueue(config('api'), ['api'], quiet);
    await expect(
      queue.startWorkers(
        { predict: () => Promise.reject(new Error('unused')) },
        { only: ['predict'] },
      ),
    ).rejects.toThrow('role api consumes no queue, yet it started workers for: predict');
    await queue.close();
  });

  it('When the tgbot process starts the outbox consumer, then its queue accepts it and refuses the worker queues', async () => {
    const queue = createRoleQueue(config('tgbot'), ['tgbot'], quiet);
    const outbox = await queue.startWorkers(
      { outbox: () => Promise.resolve({ status: 'sent' as const }) },
      { only: ['outbox'] },
    );
    expect(outbox.names).toEqual(['outbox']);
    await expect(
      queue.startWorkers(
        { predict: () => Promise.reject(new Error('unused')) },
        { only: ['predict'] },
      ),
    ).rejects.toThrow('role tgbot does not consume queue predict; it consumes outbox');
    await queue.close();
  });
});
