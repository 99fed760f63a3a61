import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { getChat, migrateLatest, upsertChat, type Db } from '@scoreline/db';
import {
  createQueueBackend,
  UnrecoverableJobError,
  type OutboxPayload,
  type QueueBackend,
} from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { TelegramError } from 'telegraf';
import { ChatBlockedError } from '../telegram/errors';
import {
  createOutboxProcessor,
  type OutboxProcessorDeps,
  type SendMessage,
} from './outbox-processor';
import { createSendRateLimiter } from './send-rate-limiter';

// A token-shaped value that is obviously fake.
const FAKE_TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';

function recordingLogger() {
  const lines: Array<{ level: string; msg: string; meta?: object }> = [];
  const at = (level: string) => (msg: string, meta?: object) => {
    lines.push({ level, msg, ...(meta ? { meta } : {}) });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

/** A limiter that lets everything through and records what it was asked. */
function recordingLimiter() {
  const calls: string[] = [];
  return {
    calls,
    acquire(chatId: string) {
      calls.push(`acquire ${chatId}`);
      return Promise.resolve();
    },
    pause(ms: number) {
      calls.push(`pause ${ms}`);
    },
  };
}

type Outcome = { messageId: number } | Error;

/** A `send` that answers from a script, in order, and records what it sent. */
function scriptedSend(script: Outcome[] = []) {
  const sent: Array<{ chatId: string; text: string; parseMode?: string }> = [];
  let nextId = 100;
  const send: SendMessage = (chatId, text, opts) => {
    const outcome = script.shift() ?? { messageId: nextId++ };
    if (outcome instanceof Error) return Promise.reject(outcome);
    sent.push({ chatId, text, ...(opts.parseMode ? { parseMode: opts.parseMode } : {}) });
    return Promise.resolve(outcome);
  };
  return { send, sent };
}

const tooManyRequests = (retryAfter: number) =>
  new TelegramError({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  });

const forbidden = () =>
  new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });

let chatSeq = 1000;
const newChatId = () => String((chatSeq += 1));

const payload = (chatId: string, text = 'Digest <b>today</b>'): OutboxPayload => ({
  chatId,
  text,
  parseMode: 'HTML',
  kind: 'digest',
});

describe('outbox processor', () => {
  let handle: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    await migrateLatest(db);
  });

  afterAll(async () => {
    await handle.dispose();
  });

  const ctx = (jobId = 'job-1', attempt = 1) => ({ jobId, attempt });

  it('When the chat is not blocked, then the text goes out once through the limiter with its parse mode and the message id comes back', async () => {
    const chatId = newChatId();
    await upsertChat(db, Number(chatId));
    const limiter = recordingLimiter();
    const { send, sent } = scriptedSend([{ messageId: 77 }]);
    const run = createOutboxProcessor({ send, limiter, db, logger: recordingLogger() });

    expect(await run(payload(chatId), ctx())).toEqual({ status: 'sent', messageId: 77 });
    expect(sent).toEqual([{ chatId, text: 'Digest <b>today</b>', parseMode: 'HTML' }]);
    expect(limiter.calls).toEqual([`acquire ${chatId}`]);
  });

  it('When the chat was never seen, then the message is still sent', async () => {
    const chatId = newChatId();
    const { send, sent } = scriptedSend();
    const run = createOutboxProcessor({
      send,
      limiter: recordingLimiter(),
      db,
      logger: recordingLogger(),
    });
    const { parseMode: _omit, ...plain } = payload(chatId, 'plain');

    expect(await run(plain, ctx())).toMatchObject({ status: 'sent' });
    expect(sent).toEqual([{ chatId, text: 'plain' }]);
  });

  it('When the chat is marked blocked, then nothing is sent and the job is skipped', async () => {
    const chatId = newChatId();
    await upsertChat(db, Number(chatId), { blocked: true });
    const limiter = recordingLimiter();
    const { send, sent } = scriptedSend();
    const run = createOutboxProcessor({ send, limiter, db, logger: recordingLogger() });

    expect(await run(payload(chatId), ctx())).toEqual({
      status: 'skipped',
      reason: 'chat blocked',
    });
    expect(sent).toEqual([]);
    expect(limiter.calls).toEqual([]);
  });

  it('When the text is over 4,096 characters, then its parts go in order, each through the limiter, and the first part id is returned', async () => {
    const chatId = newChatId();
    const paragraphs = Array.from({ length: 3 }, (_, i) => `${i}`.repeat(3000));
    const limiter = recordingLimiter();
    const { send, sent } = scriptedSend([{ messageId: 1 }, { messageId: 2 }, { messageId: 3 }]);
    const run = createOutboxProcessor({ send, limiter, db, logger: recordingLogger() });

    const result = await run(payload(chatId, paragraphs.join('\n\n')), ctx());

    expect(result).toEqual({ status: 'sent', messageId: 1 });
    expect(sent.map((s) => s.text)).toEqual(paragraphs);
    expect(sent.every((s) => s.parseMode === 'HTML')).toBe(true);
    expect(limiter.calls).toEqual([1, 2, 3].map(() => `acquire ${chatId}`));
  });

  it('When send throws ChatBlockedError, then the chat is marked blocked, the job is skipped, and the next job for it sends nothing', async () => {
    const chatId = newChatId();
    await upsertChat(db, Number(chatId));
    const { send, sent } = scriptedSend([new ChatBlockedError(chatId)]);
    const logger = recordingLogger();
    const run = createOutboxProcessor({ send, limiter: recordingLimiter(), db, logger });

    expect(await run(payload(chatId), ctx('a'))).toEqual({
      status: 'skipped',
      reason: 'chat blocked',
    });
    expect((await getChat(db, Number(chatId)))?.blocked).toBe(true);
    expect(await run(payload(chatId), ctx('b'))).toEqual({
      status: 'skipped',
      reason: 'chat blocked',
    });
    expect(sent).toEqual([]);
    expect(JSON.stringify(logger.lines)).not.toContain('Digest');
  });

  it('When Telegram answers 403 itself, then the chat is marked blocked just the same', async () => {
    const chatId = newChatId();
    const { send } = scriptedSend([forbidden()]);
    const run = createOutboxProcessor({
      send,
      limiter: recordingLimiter(),
      db,
      logger: recordingLogger(),
    });

    expect(await run(payload(chatId), ctx())).toMatchObject({ status: 'skipped' });
    expect((await getChat(db, Number(chatId)))?.blocked).toBe(true);
  });

  it('When Telegram answers 429, then every send is paused for retry_after and the error is rethrown for a retry', async () => {
    const chatId = newChatId();
    const limiter = recordingLimiter();
    const logger = recordingLogger();
    const err = tooManyRequests(7);
    const { send } = scriptedSend([err]);
    const run = createOutboxProcessor({ send, limiter, db, logger });

    await expect(run(payload(chatId), ctx())).rejects.toBe(err);
    expect(limiter.calls).toEqual([`acquire ${chatId}`, 'pause 7000']);
    expect((await getChat(db, Number(chatId)))?.blocked ?? false).toBe(false);
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', meta: expect.objectContaining({ chatId }) }),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('Digest');
  });

  it('When part 2 of a long message hits a 429, then the retry sends only the rest and still returns the first part id', async () => {
    const chatId = newChatId();
    const paragraphs = ['a'.repeat(3000), 'b'.repeat(3000), 'c'.repeat(3000)];
    const { send, sent } = scriptedSend([{ messageId: 10 }, tooManyRequests(1)]);
    const run = createOutboxProcessor({
      send,
      limiter: recordingLimiter(),
      db,
      logger: recordingLogger(),
    });
    const job = payload(chatId, paragraphs.join('\n\n'));

    await expect(run(job, ctx('long', 1))).rejects.toThrow('429');
    expect(await run(job, ctx('long', 2))).toEqual({ status: 'sent', messageId: 10 });
    expect(sent.map((s) => s.text[0])).toEqual(['a', 'b', 'c']);
  });

  it('When send fails otherwise, then the error is rethrown and the chat stays unblocked', async () => {
    const chatId = newChatId();
    const limiter = recordingLimiter();
    const err = new TelegramError({ error_code: 502, description: 'Bad Gateway' });
    const { send } = scriptedSend([err]);
    const run = createOutboxProcessor({ send, limiter, db, logger: recordingLogger() });

    await expect(run(payload(chatId), ctx())).rejects.toBe(err);
    expect(limiter.calls).toEqual([`acquire ${chatId}`]);
    expect((await getChat(db, Number(chatId)))?.blocked ?? false).toBe(false);
  });

  it('When Telegram refuses the message itself (400), then the job fails once without retries and the chat stays unblocked', async () => {
    const chatId = newChatId();
    const { send } = scriptedSend([
      new TelegramError({ error_code: 400, description: "Bad Request: can't parse entities" }),
    ]);
    const logger = recordingLogger();
    const run = createOutboxProcessor({ send, limiter: recordingLimiter(), db, logger });

    const failure = await run(payload(chatId), ctx()).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(UnrecoverableJobError);
    expect((failure as Error).message).toContain("can't parse entities");
    expect((await getChat(db, Number(chatId)))?.blocked ?? false).toBe(false);
  });

  it('When a failure message quotes the bot token, then the error handed to the queue has it redacted', async () => {
    const chatId = newChatId();
    const { send } = scriptedSend([
      new Error(`request to https://api.telegram.org/bot${FAKE_TOKEN}/sendMessage failed`),
    ]);
    const run = createOutboxProcessor({
      send,
      limiter: recordingLimiter(),
      db,
      logger: recordingLogger(),
    });

    const failure = await run(payload(chatId), ctx()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('sendMessage failed');
    expect((failure as Error).message).not.toContain(FAKE_TOKEN);
  });

  it('When the chat id is not a numeric Telegram id, then the job fails without retries', async () => {
    const { send, sent } = scriptedSend();
    const run = createOutboxProcessor({
      send,
      limiter: recordingLimiter(),
      db,
      logger: recordingLogger(),
    });

    await expect(run(payload('@somechannel'), ctx())).rejects.toBeInstanceOf(UnrecoverableJobError);
    expect(sent).toEqual([]);
  });
});

describe('outbox processor on the in-process queue', () => {
  let handle: TestDatabase;
  let db: Db;
  let queue: QueueBackend;

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    await migrateLatest(db);
  });

  afterEach(async () => {
    await queue.close();
  });

  afterAll(async () => {
    await handle.dispose();
  });

  const start = async (send: SendMessage, limiter: OutboxProcessorDeps['limiter']) => {
    const logger = recordingLogger();
    queue = createQueueBackend({
      prefix: 'test',
      role: 'worker',
      logger,
      jobOptions: { outbox: { backoff: { type: 'fixed', delayMs: 1 } } },
    });
    const outbox = createOutboxProcessor({ send, limiter, db, logger });
    await queue.startWorkers({ outbox }, { only: ['outbox'] });
    return logger;
  };

  it('When an outbox job is enqueued, then it reaches send through the real limiter and completes as sent', async () => {
    const chatId = newChatId();
    const { send, sent } = scriptedSend([{ messageId: 5 }]);
    await start(send, createSendRateLimiter({ perSecond: 1000, perChatIntervalMs: 0 }));

    const result = await queue.request('outbox', payload(chatId), {
      timeoutMs: 10_000,
      jobId: 'digest-1-2026-03-01',
    });

    expect(result).toEqual({ status: 'sent', messageId: 5 });
    expect(sent).toEqual([{ chatId, text: 'Digest <b>today</b>', parseMode: 'HTML' }]);
  });

  it('When the chat blocked the bot, then the job is skipped after one attempt and a later job for it is not sent', async () => {
    const chatId = newChatId();
    const { send, sent } = scriptedSend([new ChatBlockedError(chatId)]);
    await start(send, recordingLimiter());

    const first = await queue.request('outbox', payload(chatId), {
      timeoutMs: 10_000,
      jobId: 'alert-1',
    });
    const second = await queue.request('outbox', payload(chatId, 'again'), {
      timeoutMs: 10_000,
      jobId: 'alert-2',
    });

    expect(first).toEqual({ status: 'skipped', reason: 'chat blocked' });
    expect((await queue.getJob('outbox', 'alert-1')).attemptsMade).toBe(1);
    expect(second).toEqual({ status: 'skipped', reason: 'chat blocked' });
    expect(sent).toEqual([]);
  });

  it('When Telegram answers 429, then the queue retries the job and it is sent on the next attempt', async () => {
    const chatId = newChatId();
    const { send, sent } = scriptedSend([tooManyRequests(2), { messageId: 9 }]);
    const limiter = recordingLimiter();
    await start(send, limiter);

    const result = await queue.request('outbox', payload(chatId), {
      timeoutMs: 10_000,
      jobId: 'alert-429',
    });

    expect(result).toEqual({ status: 'sent', messageId: 9 });
    expect((await queue.getJob('outbox', 'alert-429')).attemptsMade).toBe(2);
    expect(limiter.calls).toContain('pause 2000');
    expect(sent).toHaveLength(1);
  });
});
