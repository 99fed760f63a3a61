// Updates the emulator cannot produce, handed to the bot directly (telegraf's handleUpdate).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '@scoreline/bot-api-emulator';
import { getChat, migrateLatest, upsertChat } from '@scoreline/db';
import { createQueueBackend, type QueueBackend } from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import type { Update } from 'telegraf/types';
import { createBot, type ScorelineBot } from './bot';
import { MESSAGES } from './i18n/messages';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let emulator: Emulator;
let database: TestDatabase;
let queue: QueueBackend;
let scoreline: ScorelineBot;

beforeAll(async () => {
  emulator = await startEmulator();
  database = await createSqliteTestDb();
  await migrateLatest(database.db);
  queue = createQueueBackend({ prefix: 'bot-test', logger: quiet, role: 'producer' });
  scoreline = createBot({
    token: TOKEN,
    apiRoot: emulator.apiRoot,
    defaultLocale: 'ru',
    logger: quiet,
    db: database.db,
    queue,
  });
});
afterAll(async () => {
  await queue.close();
  await emulator.stop();
  await database.dispose();
});

const BOT_USER = { id: 1, is_bot: true, first_name: 'Bot' };
const KICKED = { status: 'kicked' as const, until_date: 0, user: BOT_USER };
const MEMBER = { status: 'member' as const, user: BOT_USER };

function membership(updateId: number, chatId: number, status: 'kicked' | 'member'): Update {
  return {
    update_id: updateId,
    my_chat_member: {
      chat: { id: chatId, type: 'private', first_name: 'U' },
      from: { id: chatId, is_bot: false, first_name: 'U' },
      date: Math.floor(Date.now() / 1000),
      old_chat_member: status === 'kicked' ? MEMBER : KICKED,
      new_chat_member: status === 'kicked' ? KICKED : MEMBER,
    },
  };
}

describe('membership updates', () => {
  it('When a user blocks the bot and later unblocks it, then the chat row follows', async () => {
    const chatId = 424_242;
    await upsertChat(database.db, chatId);

    await scoreline.bot.handleUpdate(membership(1, chatId, 'kicked'));
    const blocked = await getChat(database.db, chatId);
    await scoreline.bot.handleUpdate(membership(2, chatId, 'member'));
    const back = await getChat(database.db, chatId);

    expect(blocked?.blocked).toBe(true);
    expect(back?.blocked).toBe(false);
  });
});

describe('simulated data', () => {
  it('When the bot runs on a simulated league, then every text it sends starts with the notice, in the chat’s language', async () => {
    const simulated = createBot({
      token: TOKEN,
      apiRoot: emulator.apiRoot,
      defaultLocale: 'ru',
      logger: quiet,
      db: database.db,
      queue,
      simulated: true,
    });
    const chat = emulator.chat(TOKEN, { languageCode: 'en' });
    const help: Update = {
      update_id: 10,
      message: {
        message_id: 10,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chat.chatId, type: 'private', first_name: 'U' },
        from: { id: chat.userId, is_bot: false, first_name: 'U', language_code: 'en' },
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    };

    await simulated.bot.handleUpdate(help);
    await simulated.bot.telegram.sendMessage(chat.chatId, 'digest text');
    const [reply, digest] = await chat.nextReplies(2);

    expect(reply!.text.startsWith(MESSAGES.en.simulated)).toBe(true);
    expect(reply!.text).toContain('<b>Commands</b>');
    expect(digest!.text).toBe(`${MESSAGES.ru.simulated}\n\ndigest text`);
  });
});

describe('the error handler', () => {
  it('When a handler fails, then the log names the update type, the command and the cause, with its stack, but not the user text', async () => {
    const broken = await createSqliteTestDb();
    await broken.dispose();
    const lines: Array<{ msg: string; meta?: Record<string, unknown> }> = [];
    const failing = createBot({
      token: TOKEN,
      apiRoot: emulator.apiRoot,
      defaultLocale: 'en',
      logger: {
        ...quiet,
        error: (msg: string, meta?: object) =>
          lines.push({ msg, meta: meta as Record<string, unknown> }),
      },
      db: broken.db,
      queue,
    });

    await failing.bot.handleUpdate({
      update_id: 77,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 515_151, type: 'private', first_name: 'U' },
        from: { id: 515_151, is_bot: false, first_name: 'U' },
        text: '/predict Arsenal - confidential-words',
        entities: [{ type: 'bot_command', offset: 0, length: 8 }],
      },
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toBe('update handler failed');
    expect(lines[0]!.meta).toMatchObject({
      update_id: 77,
      update_type: 'message',
      handler: '/predict',
      err: expect.any(String),
      stack: expect.any(String),
    });
    expect(String(lines[0]!.meta!.err).length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('confidential-words');
  });
});

describe('updates without a chat', () => {
  const errors: string[] = [];
  let bot: ScorelineBot;

  beforeAll(() => {
    bot = createBot({
      token: TOKEN,
      apiRoot: emulator.apiRoot,
      defaultLocale: 'en',
      logger: { ...quiet, error: (msg) => errors.push(msg) },
      db: database.db,
      queue,
    });
  });

  const from = { id: 515_151, is_bot: false, first_name: 'U', language_code: 'en' };

  it('When a settings button is pressed under a message sent in inline mode, then the press gets the stale-button notice and nothing fails', async () => {
    for (const [i, data] of ['sl:ru', 'sz:Europe/Berlin', 'm:1', 'f:*:20261204:1'].entries()) {
      await bot.bot.handleUpdate({
        update_id: 600 + i,
        callback_query: {
          id: `inline-press-${i}`,
          from,
          inline_message_id: 'AAAA',
          chat_instance: '1',
          data,
        },
      });
    }

    const answers = emulator
      .calls('answerCallbackQuery')
      .filter((c) => String(c.body.callback_query_id).startsWith('inline-press-'));
    expect(answers.map((c) => c.body.text)).toEqual(Array(4).fill(MESSAGES.en.staleButton));
    expect(errors).toEqual([]);
    expect(await getChat(database.db, from.id)).toBeNull();
  });

  it('When a message arrives without a chat, then it is dropped without a failure or an answer', async () => {
    const before = emulator.calls('sendMessage').length;
    await bot.bot.handleUpdate({
      update_id: 700,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        from,
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    } as unknown as Update);

    expect(errors).toEqual([]);
    expect(emulator.calls('sendMessage')).toHaveLength(before);
  });
});
