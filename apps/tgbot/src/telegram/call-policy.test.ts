import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Telegraf, Telegram } from 'telegraf';
import {
  startEmulator,
  startFaultFront,
  type Emulator,
  type FaultFront,
} from '@scoreline/bot-api-emulator';
import { applyCallPolicy, type CallPolicyOptions } from './call-policy';
import { ChatBlockedError, telegramFailure } from './errors';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
const TOKEN_SECRET = TOKEN.split(':')[1]!;

interface LogLine {
  level: 'warn' | 'error';
  msg: string;
  meta?: object;
}

function policyFixture(overrides: Partial<CallPolicyOptions> = {}) {
  const logs: LogLine[] = [];
  const blocked: string[] = [];
  const sleeps: number[] = [];
  const opts: CallPolicyOptions = {
    logger: {
      warn: (msg, meta) => logs.push({ level: 'warn', msg, ...(meta ? { meta } : {}) }),
      error: (msg, meta) => logs.push({ level: 'error', msg, ...(meta ? { meta } : {}) }),
    },
    onBlocked: (chatId) => {
      blocked.push(chatId);
    },
    // Waits are recorded, not slept, where the test is about the decision rather than the wait.
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  };
  return { opts, logs, blocked, sleeps };
}

describe('Telegram call policy', () => {
  let emulator: Emulator;
  let front: FaultFront;

  beforeAll(async () => {
    emulator = await startEmulator();
    front = await startFaultFront({ target: emulator.apiRoot });
  });

  afterAll(async () => {
    await front.stop();
    await emulator.stop();
  });

  beforeEach(() => front.reset());

  describe('in a polling bot', () => {
    let bot: Telegraf;
    let polling: Promise<void>;
    const fixture = policyFixture({ sleep: undefined });

    beforeAll(() => {
      bot = new Telegraf(TOKEN, { telegram: { apiRoot: front.apiRoot } });
      applyCallPolicy(bot.telegram, fixture.opts);
      // ctx.telegram is a new client per update: the policy goes on each one.
      bot.use((ctx, next) => {
        applyCallPolicy(ctx.telegram, fixture.opts);
        return next();
      });
      bot.on('text', (ctx) => ctx.reply(`secret reply to ${ctx.message.text}`));
      polling = bot.launch();
    });

    afterAll(async () => {
      bot.stop('test over');
      await polling;
    });

    it('When sendMessage gets 429 with retry_after=1 once, then the reply arrives after a second try at least 1 s later', async () => {
      const chat = emulator.chat(TOKEN);
      front.fail('sendMessage', {
        code: 429,
        description: 'Too Many Requests: retry after 1',
        retryAfter: 1,
      });

      await chat.send('hello');

      const [reply] = await chat.nextReplies(1, 10_000);
      expect(reply?.text).toBe('secret reply to hello');
      const sends = front.calls('sendMessage');
      expect(sends).toHaveLength(2);
      expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(1000);
      expect(fixture.logs).toEqual([
        {
          level: 'warn',
          msg: expect.stringContaining('429'),
          meta: { method: 'sendMessage', retry_after: 1, attempt: 1 },
        },
      ]);
      expect(JSON.stringify(fixture.logs)).not.toMatch(/secret reply|hello/);
    });
  });

  describe('on one client', () => {
    const client = (opts: CallPolicyOptions) =>
      applyCallPolicy(new Telegram(TOKEN, { apiRoot: front.apiRoot }), opts);

    it('When sendMessage gets 403 for one chat, then onBlocked gets that chat once and ChatBlockedError is thrown', async () => {
      const { opts, blocked } = policyFixture();
      const telegram = client(opts);
      const gone = emulator.chat(TOKEN);
      const fine = emulator.chat(TOKEN);
      front.fail('sendMessage', {
        code: 403,
        description: 'Forbidden: bot was blocked by the user',
        chatId: gone.chatId,
      });

      const error = await telegram.sendMessage(gone.chatId, 'hi').catch((e: unknown) => e);
      await telegram.sendMessage(fine.chatId, 'hi');

      expect(error).toBeInstanceOf(ChatBlockedError);
      expect(error).toMatchObject({
        chatId: String(gone.chatId),
        description: 'Forbidden: bot was blocked by the user',
      });
      expect(blocked).toEqual([String(gone.chatId)]);
      expect(front.calls('sendMessage')).toHaveLength(2);
      expect(fine.allMessages()).toHaveLength(1);
    });

    it('When onBlocked fails, then ChatBlockedError is still thrown and the failure logged without the message', async () => {
      const { opts, logs } = policyFixture({
        onBlocked: () => Promise.reject(new Error('database down')),
      });
      const chat = emulator.chat(TOKEN);
      front.fail('sendMessage', { code: 403, description: 'Forbidden: user is deactivated' });

      await expect(client(opts).sendMessage(chat.chatId, 'private words')).rejects.toThrow(
        ChatBlockedError,
      );

      expect(logs).toEqual([
        {
          level: 'error',
          msg: expect.any(String),
          meta: { method: 'sendMessage', chat_id: String(chat.chatId), error: 'database down' },
        },
      ]);
      expect(JSON.stringify(logs)).not.toContain('private words');
    });

    it('When a 403 comes on a call without chat_id, then it passes through and onBlocked is not called', async () => {
      const { opts, blocked } = policyFixture();
      front.fail('answerCallbackQuery', { code: 403, description: 'Forbidden' });

      const failure = await client(opts).answerCbQuery('1').catch(telegramFailure);

      expect(failure).toMatchObject({ code: 403, method: 'answerCallbackQuery' });
      expect(blocked).toEqual([]);
    });

    it('When retry_after is above the limit, then the 429 is rethrown without waiting', async () => {
      const { opts, sleeps } = policyFixture({ maxRetryAfterSec: 5 });
      const chat = emulator.chat(TOKEN);
      front.fail('sendMessage', { code: 429, description: 'Too Many Requests', retryAfter: 6 });

      const failure = await client(opts).sendMessage(chat.chatId, 'x').catch(telegramFailure);

      expect(failure).toMatchObject({ code: 429, retryAfterSec: 6 });
      expect(sleeps).toEqual([]);
      expect(front.calls('sendMessage')).toHaveLength(1);
    });

    it('When 429 keeps coming, then the call is tried maxAttempts times, waiting retry_after between, and rethrown', async () => {
      const { opts, sleeps, logs } = policyFixture({ maxAttempts: 3 });
      const chat = emulator.chat(TOKEN);
      front.fail('sendMessage', {
        code: 429,
        description: 'Too Many Requests',
        retryAfter: 2,
        times: Infinity,
      });
      // A second application must not nest another retry loop.
      const telegram = applyCallPolicy(client(opts), opts);

      const failure = await telegram.sendMessage(chat.chatId, 'x').catch(telegramFailure);

      expect(failure).toMatchObject({ code: 429 });
      expect(front.calls('sendMessage')).toHaveLength(3);
      expect(sleeps).toEqual([2000, 2000]);
      expect(logs.map((l) => l.meta)).toEqual([
        { method: 'sendMessage', retry_after: 2, attempt: 1 },
        { method: 'sendMessage', retry_after: 2, attempt: 2 },
      ]);
    });

    it('When getUpdates gets 429, then the policy leaves it to telegraf polling', async () => {
      const { opts, sleeps } = policyFixture();
      front.fail('getUpdates', { code: 429, description: 'Too Many Requests', retryAfter: 1 });

      const failure = await client(opts).getUpdates(0, 1, 0, undefined).catch(telegramFailure);

      expect(failure).toMatchObject({ code: 429, method: 'getUpdates' });
      expect(sleeps).toEqual([]);
      expect(front.calls('getUpdates')).toHaveLength(1);
    });

    it('When another error comes back, then the same error passes through and nothing is logged', async () => {
      const { opts, logs, blocked } = policyFixture();
      const chat = emulator.chat(TOKEN);
      front.fail('sendMessage', {
        code: 400,
        description: "Bad Request: can't parse entities",
      });

      // Not in HTML mode: there is no markup to drop, so the refusal is the caller's.
      const error = await client(opts)
        .sendMessage(chat.chatId, '<b>broken')
        .catch((e: unknown) => e);

      expect(telegramFailure(error)).toMatchObject({ code: 400, method: 'sendMessage' });
      expect(logs).toEqual([]);
      expect(blocked).toEqual([]);
    });

    it('When Telegram cannot parse an HTML text, then it is sent again without markup, entities decoded, and the log holds no text', async () => {
      const { opts, logs } = policyFixture();
      const chat = emulator.chat(TOKEN);
      front.fail('sendMessage', {
        code: 400,
        description:
          'Bad Request: can\'t parse entities: Unsupported start tag "1%" at byte offset 20',
      });

      await client(opts).sendMessage(chat.chatId, '<b>Home</b> win: <1% &amp; &lt;draw&gt;', {
        parse_mode: 'HTML',
      });

      const [reply] = await chat.nextReplies(1);
      expect(reply!.text).toBe('Home win: <1% & <draw>');
      expect(reply!.parse_mode).toBeUndefined();
      const sends = front.calls('sendMessage');
      expect(sends).toHaveLength(2);
      expect(sends[1]!.body.parse_mode).toBeUndefined();
      expect(logs).toEqual([
        { level: 'error', msg: expect.stringContaining('400'), meta: { method: 'sendMessage' } },
      ]);
      expect(JSON.stringify(logs)).not.toMatch(/Home|draw/);
    });

    it('When an HTML edit cannot be parsed, then the message is edited to the plain text', async () => {
      const { opts } = policyFixture();
      const chat = emulator.chat(TOKEN);
      const telegram = client(opts);
      const sent = await telegram.sendMessage(chat.chatId, 'calculating');
      front.fail('editMessageText', {
        code: 400,
        description: "Bad Request: can't parse entities",
      });

      await telegram.editMessageText(chat.chatId, sent.message_id, undefined, '<i>x &gt; y', {
        parse_mode: 'HTML',
      });

      expect(chat.message(sent.message_id)!.text).toBe('x > y');
      expect(front.calls('editMessageText')).toHaveLength(2);
    });

    it('When the plain resend is refused too, then that error is thrown and nothing loops', async () => {
      const { opts } = policyFixture();
      const chat = emulator.chat(TOKEN);
      front.fail('sendMessage', {
        code: 400,
        description: "Bad Request: can't parse entities",
        times: 2,
      });

      const error = await client(opts)
        .sendMessage(chat.chatId, '<b>x', { parse_mode: 'HTML' })
        .catch((e: unknown) => e);

      expect(telegramFailure(error)).toMatchObject({ code: 400 });
      expect(front.calls('sendMessage')).toHaveLength(2);
      expect(chat.allMessages()).toHaveLength(0);
    });

    it('When logs are written, then they never hold the token', async () => {
      const { opts, logs } = policyFixture();
      const chat = emulator.chat(TOKEN);
      front.fail('sendMessage', { code: 429, description: 'Too Many Requests', retryAfter: 1 });
      front.fail('sendMessage', { code: 403, description: 'Forbidden' });

      await client({ ...opts, onBlocked: () => Promise.reject(new Error('x')) })
        .sendMessage(chat.chatId, 'x')
        .catch(() => undefined);

      expect(logs).toHaveLength(2);
      expect(JSON.stringify(logs)).not.toContain(TOKEN_SECRET);
    });
  });
});
