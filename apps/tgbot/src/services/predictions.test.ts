import { describe, expect, it } from '@jest/globals';
import type { Db } from '@scoreline/db';
import { QueueUnavailableError, RequestTimeoutError, type QueueBackend } from '@scoreline/queue';
import { createQueuePredictor } from '@scoreline/training';
import { MESSAGES } from '../i18n/messages';
import { createPredictionService } from './predictions';

/** A queue whose request() fails the way a given outage makes it fail. */
function failingQueue(err: Error): QueueBackend {
  return { request: () => Promise.reject(err) } as unknown as QueueBackend;
}

describe('prediction service when the worker cannot answer', () => {
  const payload = { league: 'E0', home: 'Arsenal', away: 'Chelsea' };
  const seen: string[] = [];
  const service = (err: Error) =>
    createPredictionService({
      db: {} as Db,
      predictor: createQueuePredictor(failingQueue(err)),
      timeoutMs: 15_000,
      observe: (status) => seen.push(status),
    });

  it('When the queue is unreachable, then the outcome is busy (nothing was asked), not a worker timeout', async () => {
    const outcome = await service(new QueueUnavailableError('request predict: down')).predict(
      payload,
    );

    expect(outcome).toEqual({ status: 'timeout', timeoutMs: 15_000, busy: true });
    expect(seen.at(-1)).toBe('timeout');
  });

  it('When the worker does not answer in time, then the outcome is a plain timeout', async () => {
    const outcome = await service(new RequestTimeoutError('predict', 'j-1', 15_000)).predict(
      payload,
    );

    expect(outcome).toEqual({ status: 'timeout', timeoutMs: 15_000 });
  });

  it('When the service is busy, then both languages say so without blaming a timeout', () => {
    expect(MESSAGES.en.busy.toString()).toMatch(/busy/i);
    expect(MESSAGES.ru.busy.toString()).toMatch(/занят/);
    expect(MESSAGES.en.busy.toString()).not.toMatch(/within/);
  });
});
