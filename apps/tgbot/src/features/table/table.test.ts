// /table as text and as a picture, end to end through the Bot API emulator, and its arguments.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodePng } from '../../../../../packages/training/src/test-support/decode-png';
import { startContextBot, type ContextBot } from '../../test-support/context-bot';
import { parseTableArgs } from './table';

let bot: ContextBot;

beforeAll(async () => {
  bot = await startContextBot();
}, 120_000);
afterAll(() => bot?.dispose());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function photoOf(chat: ReturnType<ContextBot['chat']>) {
  for (let i = 0; i < 200 && chat.files().length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const [photo] = chat.files();
  expect(bot.errors).toEqual([]);
  return photo!;
}

describe('/table', () => {
  it('When the table is asked for, then the text comes with a picture button that sends the same season as a PNG', async () => {
    const chat = bot.chat();
    await chat.send('/table E0 2023');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toContain('<b>E0 2023/24</b>: 380 matches');
    const buttons = reply!.reply_markup!.inline_keyboard!.flat();
    expect(buttons.map((b) => b.callback_data)).toEqual(['tp:E0:2023']);
    await chat.press('tp:E0:2023');
    const photo = await photoOf(chat);
    expect(photo.kind).toBe('photo');
    expect(photo.caption).toBe('E0 2023/24: league table');
    expect(photo.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(decodePng(photo.data).height).toBeGreaterThan(20 * 26);
  });

  it('When png follows the league, then the current season comes as a picture only', async () => {
    const chat = bot.chat('ru');
    await chat.send('/table E0 png');
    const photo = await photoOf(chat);

    expect(photo.caption).toBe('E0 2024/25: турнирная таблица');
    expect(chat.allMessages()).toEqual([]);
  });

  it('When the league is unknown, then the answer says so and lists the known leagues', async () => {
    const chat = bot.chat();
    await chat.send('/table XX9 png');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toBe('Unknown league “XX9”. Known: E0.');
  });

  it('When a season has no results, then the answer names that season', async () => {
    const chat = bot.chat();
    await chat.send('/table E0 2001 png');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toBe('No E0 results for the 2001/02 season.');
    expect(chat.files()).toEqual([]);
  });

  it.each([
    ['E0', { code: 'E0', picture: false }],
    ['E0 png', { code: 'E0', picture: true }],
    ['e0 2019 PNG', { code: 'e0', year: 2019, picture: true }],
    ['E0 картинкой 2019', { code: 'E0', year: 2019, picture: true }],
    ['', null],
    ['E0 1850', null],
    ['E0 2019 2020', null],
    ['E0 png png', null],
    ['E0 big', null],
  ])('When the arguments are %j, then they read as %j', (payload, expected) => {
    expect(parseTableArgs(payload, 2026)).toEqual(expected);
  });
});
