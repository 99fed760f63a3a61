import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Telegraf } from 'telegraf';
import { callFailure as telegramFailure } from './test-support/failure';
import { startEmulator, type Emulator } from './emulator';
import { startFaultFront, type FaultFront } from './fault-front';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';

describe('Fault-injecting Bot API front', () => {
  let emulator: Emulator;
  let front: FaultFront;
  let bot: Telegraf;
  let polling: Promise<void>;

  beforeAll(async () => {
    emulator = await startEmulator();
    front = await startFaultFront({ target: emulator.apiRoot });
    bot = new Telegraf(TOKEN, { telegram: { apiRoot: front.apiRoot } });
    bot.on('text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    polling = bot.launch();
  });

  afterAll(async () => {
    bot.stop('test over');
    await polling;
    await front.stop();
    await emulator.stop();
  });

  beforeEach(() => front.reset());

  it('When the bot replies through the front, then the chat gets the reply and the front saw the call', async () => {
    const chat = emulator.chat(TOKEN);

    await chat.send('hi');

    expect((await chat.nextReplies())[0]?.text).toBe('echo: hi');
    expect(front.calls('sendMessage').map((c) => c.body)).toEqual([
      expect.objectContaining({ chat_id: chat.chatId, text: 'echo: hi' }),
    ]);
  });

  it('When a fault is set for one chat, then only that chat fails, as many times as asked', async () => {
    const blocked = emulator.chat(TOKEN);
    const other = emulator.chat(TOKEN);
    front.fail('sendMessage', {
      code: 403,
      description: 'Forbidden: bot was blocked by the user',
      times: 2,
      chatId: blocked.chatId,
    });

    const failures = [
      await bot.telegram.sendMessage(blocked.chatId, 'one').catch(telegramFailure),
      await bot.telegram.sendMessage(other.chatId, 'two').then(() => null),
      await bot.telegram.sendMessage(blocked.chatId, 'three').catch(telegramFailure),
      await bot.telegram.sendMessage(blocked.chatId, 'four').then(() => null),
    ];

    const forbidden = { code: 403, description: 'Forbidden: bot was blocked by the user' };
    expect(failures).toEqual([
      expect.objectContaining(forbidden),
      null,
      expect.objectContaining(forbidden),
      null,
    ]);
    expect(blocked.allMessages().map((m) => m.text)).toEqual(['four']);
    expect(other.allMessages().map((m) => m.text)).toEqual(['two']);
  });

  it('When a 429 fault has retry_after, then the error carries it and the next call passes', async () => {
    const chat = emulator.chat(TOKEN);
    front.fail('sendMessage', {
      code: 429,
      description: 'Too Many Requests: retry after 7',
      retryAfter: 7,
    });

    const failure = await bot.telegram.sendMessage(chat.chatId, 'x').catch(telegramFailure);
    await bot.telegram.sendMessage(chat.chatId, 'y');

    expect(failure).toMatchObject({ code: 429, retryAfterSec: 7, method: 'sendMessage' });
    expect(chat.allMessages().map((m) => m.text)).toEqual(['y']);
  });

  it('When 409 is set on getUpdates, then a poller gets the Conflict error', async () => {
    // A front of its own, so the running bot's polling cannot take the fault.
    const own = await startFaultFront({ target: emulator.apiRoot });
    own.fail('getUpdates', {
      code: 409,
      description: 'Conflict: terminated by other getUpdates request',
    });
    const poller = new Telegraf(TOKEN, { telegram: { apiRoot: own.apiRoot } });

    const failure = await poller.telegram.getUpdates(0, 1, 0, undefined).catch(telegramFailure);
    await own.stop();

    expect(failure).toMatchObject({ code: 409, method: 'getUpdates' });
    expect(own.calls('getUpdates')).toHaveLength(1);
  });

  it('When the bot uploads a photo, then the emulator behind the front answers with a message and the front records the form fields', async () => {
    const chat = emulator.chat(TOKEN);

    const sent = await bot.telegram.sendPhoto(
      chat.chatId,
      { source: Buffer.from('not really a png'), filename: 'chart.png' },
      { caption: 'Chart' },
    );

    expect(sent).toMatchObject({ chat: { id: chat.chatId }, caption: 'Chart' });
    expect(sent.photo.length).toBeGreaterThan(0);
    expect(chat.files().map((f) => f.message_id)).toEqual([sent.message_id]);
    expect(front.calls('sendPhoto')[0]?.body).toMatchObject({
      chat_id: String(chat.chatId),
      caption: 'Chart',
      photo: { filename: 'chart.png' },
    });
  });

  it('When the bot uploads a document, then the front keeps the file bytes for the test', async () => {
    const chat = emulator.chat(TOKEN);
    const bytes = Buffer.from('\uFEFFa,b\r\n"x, ""y""",Зенит\r\n', 'utf8');

    await bot.telegram.sendDocument(chat.chatId, { source: bytes, filename: 'export.csv' });

    const upload = front.uploads('sendDocument').at(-1);
    expect(upload).toMatchObject({ field: 'document', filename: 'export.csv' });
    expect(upload!.data.equals(bytes)).toBe(true);
  });

  it('When methods the emulator lacks are called, then the front answers them', async () => {
    await expect(
      bot.telegram.setMyCommands([{ command: 'start', description: 'Start' }]),
    ).resolves.toBe(true);
    await expect(bot.telegram.getWebhookInfo()).resolves.toMatchObject({ url: '' });

    front.answer(
      'answerInlineQuery',
      (body: Record<string, unknown>) => body.inline_query_id === 'q1',
    );
    await expect(bot.telegram.answerInlineQuery('q1', [])).resolves.toBe(true);
  });
});
