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

beforeAll(async () => {
  emulator = await startEmulator();
  bot = new Telegraf(TOKEN, { telegram: { apiRoot: emulator.apiRoot } });
  bot.command('export', async (ctx) => {
    await ctx.reply('Here it is');
    await ctx.replyWithDocument({ source: CSV, filename: 'export E0.csv' });
    await ctx.replyWithPhoto(
      { source: PNG, filename: 'chart.png' },
      { caption: '<b>E0</b> chart', parse_mode: 'HTML' },
    );
  });
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
