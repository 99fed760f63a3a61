// The terminal chat against the real emulator and a telegraf bot that sends files, as the
// sandbox's /stats and /export do.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '@scoreline/bot-api-emulator';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Telegraf } from 'telegraf';
import { runTerminalChat } from './terminal-chat';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const CSV = Buffer.from('a,b\r\n1,2\r\n');

let emulator: Emulator;
let bot: Telegraf;
let polling: Promise<void>;
const tmp = mkdtempSync(join(tmpdir(), 'sandbox-chat-'));

/** A stand-in for the bot's flood guard, small enough for a test: 3 messages per 1.5 s. */
const GUARD = { max: 3, windowMs: 1500, duplicateMs: 400 };

beforeAll(async () => {
  emulator = await startEmulator();
  bot = new Telegraf(TOKEN, { telegram: { apiRoot: emulator.apiRoot } });
  const seen = new Map<number, number[]>();
  bot.use(async (ctx, next) => {
    const now = Date.now();
    const id = ctx.from?.id ?? 0;
    const hits = (seen.get(id) ?? []).filter((t) => now - t < GUARD.windowMs);
    if (hits.length >= GUARD.max) return ctx.reply('slow down');
    seen.set(id, [...hits, now]);
    return next();
  });
  bot.command('export', async (ctx) => {
    await ctx.reply('Here it is');
    await ctx.replyWithDocument({ source: CSV, filename: 'export E0.csv' });
    await ctx.replyWithPhoto(
      { source: PNG, filename: 'chart.png' },
      { caption: '<b>E0</b> chart', parse_mode: 'HTML' },
    );
  });
  bot.on('text', (ctx) => ctx.reply(`echo ${ctx.message.text}`));
  polling = bot.launch();
});

afterAll(async () => {
  bot.stop('test over');
  await polling;
  await emulator.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('terminal chat: files', () => {
  it('When the bot sends a document and a photo, then each is saved under the folder and the transcript names the saved file in order', async () => {
    const output = new PassThrough();
    let transcript = '';
    output.on('data', (chunk: Buffer) => (transcript += chunk.toString('utf8')));
    const filesDir = join(tmp, 'chat-files');

    await runTerminalChat({
      chat: emulator.chat(TOKEN, { languageCode: 'en' }),
      input: Readable.from(['/export\n']),
      output,
      interactive: false,
      color: false,
      filesDir,
      settle: { quietMs: 300, maxMs: 5000 },
      pollMs: 20,
    });

    // Saved as <message id>-<name>: sorted by id, the order they were sent.
    const saved = readdirSync(filesDir).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    expect(saved).toEqual([
      expect.stringMatching(/^\d+-export_E0\.csv$/),
      expect.stringMatching(/^\d+-chart\.png$/),
    ]);
    const csv = join(filesDir, saved[0]!);
    const png = join(filesDir, saved[1]!);
    expect(readFileSync(png).equals(PNG)).toBe(true);
    expect(readFileSync(csv).equals(CSV)).toBe(true);
    const text = transcript.replace(/\s+$/, '');
    expect(text.indexOf('Here it is')).toBeLessThan(text.indexOf('[document: export E0.csv'));
    expect(text).toContain(`[document: export E0.csv, ${CSV.length} B, saved as `);
    expect(text).toContain(`[photo: chart.png, ${PNG.length} B, saved as `);
    expect(text.indexOf('[document:')).toBeLessThan(text.indexOf('[photo:'));
    expect(text.endsWith('  E0 chart')).toBe(true);
    expect(text).toContain(saved[1]!);
  });
});

describe('terminal chat: pacing a script', () => {
  const script = ['a', 'b', 'c', 'd', 'e'].map((l) => `${l}\n`);
  async function run(pace: typeof GUARD): Promise<string> {
    const output = new PassThrough();
    let transcript = '';
    output.on('data', (chunk: Buffer) => (transcript += chunk.toString('utf8')));
    await runTerminalChat({
      chat: emulator.chat(TOKEN),
      input: Readable.from(script),
      output,
      interactive: false,
      color: false,
      filesDir: join(tmp, 'unused'),
      settle: { quietMs: 100, maxMs: 3000 },
      pollMs: 20,
      pace,
    });
    return transcript;
  }

  it('When a piped script has more lines than the flood guard takes in its window, then it waits and every line is answered', async () => {
    const transcript = await run(GUARD);

    expect(transcript).not.toContain('slow down');
    for (const l of ['a', 'b', 'c', 'd', 'e']) expect(transcript).toContain(`echo ${l}`);
    expect(transcript).toMatch(
      /\(waiting \d+ s: the bot takes 3 messages per 1.5 s from one user\)/,
    );
  }, 20_000);

  it('When the script is not paced, then the same guard refuses lines (the check above can fail)', async () => {
    const transcript = await run({ ...GUARD, max: 100 });

    expect(transcript).toContain('slow down');
  }, 20_000);
});
