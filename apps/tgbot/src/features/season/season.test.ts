// /season end to end through the Bot API emulator: the 2024/25 Premier League as of 15 January
// 2025 simulated with the champion, as text and a chart; bad arguments get their own answers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodePng } from '../../../../../packages/training/src/test-support/decode-png';
import { startContextBot, type ContextBot } from '../../test-support/context-bot';

let bot: ContextBot;

beforeAll(async () => {
  bot = await startContextBot();
}, 120_000);
afterAll(() => bot?.dispose());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The text rows of the answer's table: team, points, expected points, title, top 4, relegation. */
function rows(text: string) {
  const pre = /<pre>([\s\S]*)<\/pre>/.exec(text)![1]!.split('\n').slice(1);
  return pre
    .filter((l) => l.trim() !== '…')
    .map((l) => {
      const [, team, pts, xpts, ...cells] =
        /^(\d+\.\S.{0,15}?)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)$/.exec(l)!;
      return { team: team!.trim(), pts: Number(pts), xpts: Number(xpts), cells };
    });
}

describe('/season', () => {
  it('When a user asks for a league in mid-season, then the text gives top and bottom rows with chances and expected points, and a chart follows as a photo', async () => {
    const chat = bot.chat();
    await chat.send('/season E0');
    const [reply] = await chat.nextReplies(1, 20_000);
    const text = reply!.text;

    expect(text).toContain('<b>E0 2024/25</b> odds as of 2025-01-15');
    expect(text).toMatch(/\d+ played, \d+ to play, the rest of the season simulated 10,000 times/);
    expect(text).toContain('champion model 20250115-000000');
    const table = rows(text);
    expect(table).toHaveLength(10);
    // Ordered by expected points; points won never exceed what is expected at the end.
    for (let i = 1; i < table.length; i++)
      expect(table[i]!.xpts).toBeLessThanOrEqual(table[i - 1]!.xpts);
    for (const r of table) expect(r.xpts).toBeGreaterThanOrEqual(r.pts);
    expect(table[0]!.team).toBe('1.Liverpool');
    expect(Number(table[0]!.cells[0])).toBeGreaterThan(50);
    expect(table.at(-1)!.team).toBe('20.Southampton');
    expect(Number(table.at(-1)!.cells[2])).toBeGreaterThan(50);

    for (let i = 0; i < 200 && chat.files().length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const [photo] = chat.files();
    expect(bot.errors).toEqual([]);
    expect(photo!.kind).toBe('photo');
    expect(photo!.caption).toBe('E0 2024/25: season odds by simulation');
    expect(photo!.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const image = decodePng(photo!.data);
    expect(image.width).toBe(780);
    expect(image.height).toBeGreaterThan(20 * 26);
  });

  it('When the league is unknown, then the answer says so and lists the known leagues', async () => {
    const chat = bot.chat();
    await chat.send('/season XX9');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toBe('Unknown league “XX9”. Known: E0.');
  });

  it('When no league is given, then the usage is shown', async () => {
    const chat = bot.chat();
    await chat.send('/season');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toContain('/season E0');
  });

  it('When the season of today has no stored fixtures, then the answer says there is nothing to simulate and points to the last table', async () => {
    const later = await startContextBotLater();
    try {
      await later.chat.send('/season E0');
      const [reply] = await later.chat.nextReplies(1, 10_000);
      expect(reply!.text).toContain('Матчей E0 сезона 2026/27 в базе нет');
      expect(reply!.text).toContain('/table E0');
    } finally {
      await later.dispose();
    }
  });
});

describe('/season without the champion', () => {
  it('When this process cannot load the league’s champion, then the season is simulated with a model fitted on the stored results, and the text says so', async () => {
    const bare = await startContextBot({ champion: false });
    try {
      const chat = bare.chat();
      await chat.send('/season E0');
      const [reply] = await chat.nextReplies(1, 30_000);

      expect(reply!.text).toContain('simulated 10,000 times');
      expect(reply!.text).toContain('the model fitted on the stored results as of today');
      expect(rows(reply!.text)).toHaveLength(10);
    } finally {
      await bare.dispose();
    }
  });
});

/** The same data with the clock moved to December 2026, a season nothing is stored of. */
async function startContextBotLater() {
  const later = await startContextBot({ champion: false, now: new Date('2026-12-05T12:00:00Z') });
  return { chat: later.chat('ru'), dispose: () => later.dispose() };
}
