import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Markup, Telegraf } from 'telegraf';
import { callFailure as telegramFailure } from './test-support/failure';
import { startEmulator, type Emulator } from './emulator';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';

describe('Bot API emulator harness', () => {
  let emulator: Emulator;
  let bot: Telegraf;
  let polling: Promise<void>;

  beforeAll(async () => {
    emulator = await startEmulator();
    bot = new Telegraf(TOKEN, { telegram: { apiRoot: emulator.apiRoot } });
    bot.start((ctx) =>
      ctx.reply(
        `Hello, ${ctx.from.first_name}`,
        Markup.inlineKeyboard([
          Markup.button.callback('Yes', 'answer:yes'),
          Markup.button.callback('No', 'answer:no'),
        ]),
      ),
    );
    bot.action(/^answer:(.+)$/, async (ctx) => {
      await ctx.answerCbQuery(`got ${ctx.match[1]}`);
      await ctx.editMessageText(`You said ${ctx.match[1]}`);
    });
    bot.on('text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    // launch() settles only when polling stops, so it is kept to await in afterAll.
    polling = bot.launch();
  });

  afterAll(async () => {
    bot.stop('test over');
    await polling;
    await emulator.stop();
  });

  it('When a user sends /start, then the chat gets the bot reply with its buttons', async () => {
    const chat = emulator.chat(TOKEN, { firstName: 'Ann' });

    await chat.send('/start');

    const [reply] = await chat.nextReplies();
    expect(reply?.text).toBe('Hello, Ann');
    expect(reply?.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(['Yes', 'No']);
  });

  it('When a user presses an inline button, then the callback is answered and the message edited', async () => {
    const chat = emulator.chat(TOKEN);
    await chat.send('/start');
    const [menu] = await chat.nextReplies();

    const pressed = await chat.press('Yes');

    expect(await pressed.answer()).toEqual({ text: 'got yes' });
    const [edited] = await chat.nextEdits();
    expect(edited).toMatchObject({ message_id: menu?.message_id, text: 'You said yes', edits: 1 });
    // An edit without a keyboard removes it, as on Telegram.
    expect(chat.message(menu!.message_id)?.reply_markup).toBeUndefined();
    expect(chat.allMessages()).toHaveLength(1);
  });

  it('When a button is pressed by its callback_data or forged, then the bot gets that data', async () => {
    const chat = emulator.chat(TOKEN);
    await chat.send('/start');
    await chat.nextReplies();

    await (await chat.press('answer:no')).answer();
    expect((await chat.nextEdits())[0]?.text).toBe('You said no');

    await (await chat.pressRaw('answer:forged')).answer();
    expect((await chat.nextEdits())[0]?.text).toBe('You said forged');
  });

  it('When two chats talk to the bot, then each sees only its own replies, in order', async () => {
    const first = emulator.chat(TOKEN);
    const second = emulator.chat(TOKEN);

    await first.send('one');
    await second.send('two');
    await first.send('three');

    expect((await first.nextReplies(2)).map((m) => m.text)).toEqual(['echo: one', 'echo: three']);
    expect((await second.nextReplies()).map((m) => m.text)).toEqual(['echo: two']);
    await expect(second.nextReplies(1, 200)).rejects.toThrow(/timed out/);
  });

  it('When no button has the given text, then press fails and names the buttons there are', async () => {
    const chat = emulator.chat(TOKEN);
    await chat.send('/start');
    await chat.nextReplies();

    await expect(chat.press('Maybe')).rejects.toThrow(/"Maybe".*\["Yes","No"\]/);
  });

  it('When the bot edits a message, then it gets the edited message back, and Telegram errors for no change or no message', async () => {
    const chat = emulator.chat(TOKEN);
    const sent = await bot.telegram.sendMessage(chat.chatId, 'draft', {
      ...Markup.inlineKeyboard([Markup.button.callback('Go', 'go')]),
    });

    const edited = await bot.telegram.editMessageText(
      chat.chatId,
      sent.message_id,
      undefined,
      'final',
    );
    const unchanged = await bot.telegram
      .editMessageText(chat.chatId, sent.message_id, undefined, 'final')
      .catch(telegramFailure);
    const missing = await bot.telegram
      .editMessageText(chat.chatId, sent.message_id + 10_000, undefined, 'x')
      .catch(telegramFailure);

    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'final' });
    expect(unchanged).toMatchObject({
      code: 400,
      description: expect.stringContaining('message is not modified'),
    });
    expect(missing).toMatchObject({
      code: 400,
      description: 'Bad Request: message to edit not found',
    });
    expect(chat.message(sent.message_id)).toEqual({
      message_id: sent.message_id,
      text: 'final',
      edits: 1,
    });
  });

  it('When the bot polls, then getUpdates is recorded with telegraf offset and timeout', () => {
    const polls = emulator.calls('getUpdates');

    expect(polls.length).toBeGreaterThan(0);
    expect(polls[0]?.body).toMatchObject({ timeout: 50 });
  });
});

describe('Emulator getUpdates semantics', () => {
  let emulator: Emulator;
  const getUpdates = async (params: object) => {
    const res = await fetch(`${emulator.apiRoot}/bot${TOKEN}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    return ((await res.json()) as { result: { update_id: number }[] }).result;
  };

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  it('When updates are not confirmed by a later offset, then they are delivered again', async () => {
    const chat = emulator.chat(TOKEN);
    await chat.send('a');
    await chat.send('b');

    const first = await getUpdates({ offset: 0 });
    const again = await getUpdates({ offset: 0 });
    const afterConfirm = await getUpdates({ offset: first[0]!.update_id + 1 });

    expect(first).toHaveLength(2);
    expect(again.map((u) => u.update_id)).toEqual(first.map((u) => u.update_id));
    expect(afterConfirm.map((u) => u.update_id)).toEqual([first[1]!.update_id]);
  });

  it('When a long poll is waiting and a user writes, then the poll returns that update', async () => {
    const chat = emulator.chat(TOKEN);
    const pending = await getUpdates({});
    const offset = (pending[pending.length - 1]?.update_id ?? 0) + 1;

    const poll = getUpdates({ offset, timeout: 10 });
    await chat.send('late');

    expect(await poll).toHaveLength(1);
  });
});

describe('Bot API emulator: photos and documents', () => {
  let emulator: Emulator;
  let bot: Telegraf;
  let polling: Promise<void>;

  beforeAll(async () => {
    emulator = await startEmulator();
    bot = new Telegraf(TOKEN, { telegram: { apiRoot: emulator.apiRoot } });
    bot.on('text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    polling = bot.launch();
  });

  afterAll(async () => {
    bot.stop('test over');
    await polling;
    await emulator.stop();
  });

  it('When the bot sends a photo and a document as multipart uploads, then they are answered like Telegram and kept for the chat with their bytes', async () => {
    const chat = emulator.chat(TOKEN);
    await chat.send('hi');
    const [echo] = await chat.nextReplies();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const csv = Buffer.from('\uFEFFa,b\r\nЗенит,1\r\n', 'utf8');

    const photo = await bot.telegram.sendPhoto(
      chat.chatId,
      { source: png, filename: 'chart.png' },
      { caption: 'Calibration' },
    );
    const document = await bot.telegram.sendDocument(chat.chatId, {
      source: csv,
      filename: 'export.csv',
    });

    expect(photo).toMatchObject({ chat: { id: chat.chatId }, caption: 'Calibration' });
    expect(photo.photo[0]).toMatchObject({ file_size: png.length });
    expect(document.document).toMatchObject({ file_name: 'export.csv', file_size: csv.length });
    // One id sequence with text messages, as on Telegram.
    expect(photo.message_id).toBeGreaterThan(echo!.message_id);
    expect(document.message_id).toBe(photo.message_id + 1);
    const files = chat.files();
    expect(files.map(({ kind, filename, caption }) => ({ kind, filename, caption }))).toEqual([
      { kind: 'photo', filename: 'chart.png', caption: 'Calibration' },
      { kind: 'document', filename: 'export.csv', caption: undefined },
    ]);
    expect(files[0]!.data.equals(png)).toBe(true);
    expect(files[1]!.data.equals(csv)).toBe(true);
    // Files are not text replies: a test reading replies sees only messages.
    expect(chat.allMessages().map((m) => m.message_id)).toEqual([echo!.message_id]);
  });

  it('When sendPhoto carries no photo, then it is a 400 as on Telegram', async () => {
    const chat = emulator.chat(TOKEN);

    const failure = await bot.telegram
      .callApi('sendPhoto', { chat_id: chat.chatId } as never)
      .catch(telegramFailure);

    expect(failure).toMatchObject({
      code: 400,
      description: 'Bad Request: there is no photo in the request',
    });
    expect(chat.files()).toEqual([]);
  });
});
