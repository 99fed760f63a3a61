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

  // Delivery records are kept per job id, so every job gets its own unless a test names it.
  let jobSeq = 0;
  const ctx = (jobId = `job-${(jobSeq += 1)}`, attempt = 1) => ({ jobId, attempt });

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

  it('When Telegram answers 429, then every send is paused for retry_after and the part is sent again in the same run', async () => {
    const chatId = newChatId();
    const limiter = recordingLimiter();
    const logger = recordingLogger();
    const { send, sent } = scriptedSend([tooManyRequests(7), { messageId: 8 }]);
    const run = createOutboxProcessor({ send, limiter, db, logger });

    expect(await run(payload(chatId), ctx('flood-1'))).toEqual({ status: 'sent', messageId: 8 });
    expect(limiter.calls).toEqual([`acquire ${chatId}`, 'pause 7000', `acquire ${chatId}`]);
    expect(sent).toHaveLength(1);
    expect((await getChat(db, Number(chatId)))?.blocked ?? false).toBe(false);
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', meta: expect.objectContaining({ chatId }) }),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('Digest');
  });

  it('When 429s keep coming past the bound, then the error goes to the queue and the job is not lost: its retry sends it', async () => {
    const chatId = newChatId();
    const err = tooManyRequests(1);
    const { send, sent } = scriptedSend([err, err, err]);
    const run = createOutboxProcessor({
      send,
      limiter: recordingLimiter(),
      db,
      logger: recordingLogger(),
      maxFloodWaits: 2,
    });

    await expect(run(payload(chatId), ctx('flood-2', 1))).rejects.toBe(err);
    expect(await run(payload(chatId), ctx('flood-2', 2))).toMatchObject({ status: 'sent' });
    expect(sent).toHaveLength(1);
  });

  it('When a 429 arrives with the real limiter, then no send at all goes out before retry_after ends, and the job still completes', async () => {
    const chatId = newChatId();
    const other = newChatId();
    const times: Array<{ chatId: string; at: number }> = [];
    let floodAt = 0;
    let first = true;
    const send: SendMessage = (to) => {
      if (first) {
        first = false;
        floodAt = Date.now();
        return Promise.reject(tooManyRequests(1));
      }
      times.push({ chatId: to, at: Date.now() });
      return Promise.resolve({ messageId: times.length });
    };
    const limiter = createSendRateLimiter({ perSecond: 1000, perChatIntervalMs: 0 });
    const run = createOutboxProcessor({ send, limiter, db, logger: recordingLogger() });

    const flooded = run(payload(chatId), ctx('flood-3'));
    await new Promise((r) => setTimeout(r, 50));
    const later = run(payload(other), ctx('flood-4'));

    expect(await flooded).toMatchObject({ status: 'sent' });
    expect(await later).toMatchObject({ status: 'sent' });
    expect(times.map((t) => t.chatId).sort()).toEqual([chatId, other].sort());
    for (const t of times) expect(t.at - floodAt).toBeGreaterThanOrEqual(1000);
  });

  it('When the consumer restarts after part 1 of 2 was sent, then the next run sends part 2 only and returns part 1 id', async () => {
    const chatId = newChatId();
    const paragraphs = ['a'.repeat(3000), 'b'.repeat(3000)];
    const job = payload(chatId, paragraphs.join('\n\n'));
    const before = scriptedSend([
      { messageId: 10 },
      new TelegramError({ error_code: 502, description: 'Bad Gateway' }),
    ]);
    const deps = { limiter: recordingLimiter(), db, logger: recordingLogger() };
    await expect(
      createOutboxProcessor({ ...deps, send: before.send })(job, ctx('restart', 1)),
    ).rejects.toThrow('Bad Gateway');

    // A new processor: nothing of the first one's memory survives, only the delivery records.
    const after = scriptedSend([{ messageId: 11 }]);
    const result = await createOutboxProcessor({ ...deps, send: after.send })(
      job,
      ctx('restart', 2),
    );

    expect(result).toEqual({ status: 'sent', messageId: 10 });
    expect(before.sent.map((s) => s.text[0])).toEqual(['a']);
    expect(after.sent.map((s) => s.text[0])).toEqual(['b']);
  });

  it('When a process died between claiming a part and recording its id, then the part is not sent again (at most once)', async () => {
    const chatId = newChatId();
    const paragraphs = ['a'.repeat(3000), 'b'.repeat(3000)];
    const job = payload(chatId, paragraphs.join('\n\n'));
    const deps = { limiter: recordingLimiter(), db, logger: recordingLogger() };
    // A network error: the request may have reached Telegram, so the claim stays.
    const before = scriptedSend([{ messageId: 20 }, new Error('socket hang up')]);
    await expect(
      createOutboxProcessor({ ...deps, send: before.send })(job, ctx('died', 1)),
    ).rejects.toThrow('socket hang up');

    const after = scriptedSend();
    expect(await createOutboxProcessor({ ...deps, send: after.send })(job, ctx('died', 2))).toEqual(
      {
        status: 'sent',
        messageId: 20,
      },
    );
    expect(after.sent).toEqual([]);
  });

  it('When a chat turns out blocked, then a job for it already waiting in the limiter is skipped without a call', async () => {
    const chatId = newChatId();
    const calls: string[] = [];
    const send: SendMessage = (to) => {
      calls.push(to);
      return Promise.reject(forbidden());
    };
    const limiter = createSendRateLimiter({ perSecond: 1000, perChatIntervalMs: 100 });
    const run = createOutboxProcessor({ send, limiter, db, logger: recordingLogger() });

    const [a, b] = await Promise.all([
      run(payload(chatId), ctx('blocked-a')),
      run(payload(chatId, 'second'), ctx('blocked-b')),
    ]);

    expect(a).toEqual({ status: 'skipped', reason: 'chat blocked' });
    expect(b).toEqual({ status: 'skipped', reason: 'chat blocked' });
    expect(calls).toEqual([chatId]);
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

  it('When Telegram answers 429, then the job waits it out in the same attempt and is sent', async () => {
    const chatId = newChatId();
    const { send, sent } = scriptedSend([tooManyRequests(2), { messageId: 9 }]);
    const limiter = recordingLimiter();
    await start(send, limiter);

    const result = await queue.request('outbox', payload(chatId), {
      timeoutMs: 10_000,
      jobId: 'alert-429',
    });

    expect(result).toEqual({ status: 'sent', messageId: 9 });
    expect((await queue.getJob('outbox', 'alert-429')).attemptsMade).toBe(1);
    expect(limiter.calls).toContain('pause 2000');
    expect(sent).toHaveLength(1);
  });
});
