// /explain end to end: the user asks why a forecast is what it is, the worker neutralises each
// factor of the E0 champion and the bot lists every factor's contribution in p.p. Sign
// convention: contribution = forecast − forecast with the factor neutral, so home advantage
// shows "+" on the home win. A champion whose home side attacks better is then promoted, and the
// same question shows a larger home-attack contribution to the home win.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getChampion } from '@scoreline/db';
import { importArtifact, loadChampion } from '@scoreline/training';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBotSystem, type BotSystem } from '../test-support/bot-system';

let system: BotSystem;

beforeAll(async () => {
  system = await startBotSystem({ front: true });
}, 120_000);
afterAll(() => system?.dispose());

const buttons = (m: {
  reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
}) => (m.reply_markup?.inline_keyboard ?? []).flat();

/** The three signed numbers after `label:` in an explanation (p.p., home / draw / away). */
function deltas(text: string, label: string): [number, number, number] {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}: <code>([^<]+)</code>`).exec(text);
  if (!m) throw new Error(`no line for ${label} in:\n${text}`);
  const parts = m[1]!.split(' / ').map((p) => Number(p.replace('−', '-').replace(',', '.')));
  expect(parts).toHaveLength(3);
  for (const p of parts) expect(Number.isFinite(p)).toBe(true);
  return parts as [number, number, number];
}

const EN_LABELS = [
  'Arsenal attack',
  'Arsenal defence',
  'Chelsea attack',
  'Chelsea defence',
  'Home advantage',
  'Arsenal form (Elo)',
  'Chelsea form (Elo)',
  'Dixon–Coles, weight',
  'Shots on target, weight',
  'Elo, weight',
];

describe('/explain', () => {
  it('When a user sends /explain with a fixture id, then every factor comes with signed p.p. deltas that balance, and home advantage adds to the home win', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const id = system.fixtureIds[0]!;

    await chat.send(`/explain ${id}`);
    const [reply] = await chat.nextReplies(1, 15_000);
    const text = reply!.text;

    expect(text).toContain('Why: Arsenal — Chelsea');
    expect(text).toMatch(/Forecast: home <b>\d+%<\/b> · draw <b>\d+%<\/b> · away <b>\d+%<\/b>/);
    expect(text).toContain(`match #${id}`);
    for (const label of EN_LABELS) {
      const line = new RegExp(
        `${label.replace(/[()]/g, '\\$&')}[^:]*: <code>[+−]?\\d+\\.\\d / [+−]?\\d+\\.\\d / [+−]?\\d+\\.\\d</code>`,
      );
      expect(text).toMatch(line);
    }
    const venue = deltas(text, 'Home advantage');
    expect(venue[0]).toBeGreaterThan(0);
    expect(venue[2]).toBeLessThan(0);
    // Rounded to 0.1 each, so the three sum to 0 within the rounding.
    expect(Math.abs(venue[0] + venue[1] + venue[2])).toBeLessThanOrEqual(0.15);
  });

  it('When a Russian user opens a match card, then a "Почему так?" button explains it in Russian', async () => {
    const chat = system.chat({ languageCode: 'ru' });
    const id = system.fixtureIds[2]!;

    await chat.send(`/match ${id}`);
    const [card] = await chat.nextReplies(1, 15_000);
    const why = buttons(card!).find((b) => b.text === 'Почему так?');
    expect(why?.callback_data).toBe(`xp:${id}`);

    const press = await chat.press('Почему так?');
    await press.answer();
    const [reply] = await chat.nextReplies(1, 15_000);

    expect(reply!.text).toContain('Почему так: Brentford — Fulham');
    for (const label of ['Атака Brentford', 'Оборона Fulham', 'Преимущество своего поля']) {
      expect(reply!.text).toContain(label);
    }
    expect(deltas(reply!.text, 'Преимущество своего поля')[0]).toBeGreaterThan(0);
  });

  it('When /explain has no id, a bad one or an unknown one, then the user gets the usage or a polite "no such match"', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/explain');
    const [bare] = await chat.nextReplies(1);
    await chat.send('/explain Arsenal');
    const [bad] = await chat.nextReplies(1);
    await chat.send('/explain 99999999');
    const [unknown] = await chat.nextReplies(1, 15_000);

    expect(bare!.text).toContain('/explain 123');
    expect(bad!.text).toContain('/explain 123');
    expect(unknown!.text).toContain('no match 99999999');
  });

  it('When a champion rates the home attack higher, then /explain shows a larger home-attack contribution to the home win', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const id = system.fixtureIds[0]!;
    await chat.send(`/explain ${id}`);
    const [before] = await chat.nextReplies(1, 15_000);

    // The same champion with Arsenal's attack raised in both goal models (the others lowered
    // so the league mean stays where it was), imported and promoted through the registry.
    const root = system.config.paths.modelRegistryPath;
    const loaded = await loadChampion(system.db, root, 'E0');
    const doc = structuredClone(loaded!.artifact);
    for (const part of [doc.state.dixonColes, doc.state.shots]) {
      const i = part.teams.indexOf('Arsenal');
      const step = 0.3;
      part.attack = part.attack.map((a, j) =>
        j === i ? a + step : a - step / (part.teams.length - 1),
      );
    }
    doc.version = `${loaded!.record.version}-attack`;
    const file = join(root, 'stronger-arsenal.json');
    writeFileSync(file, JSON.stringify(doc));
    await importArtifact(system.db, root, file, { league: 'E0', promote: true, keep: 5 });
    expect((await getChampion(system.db, 'E0'))?.version).toBe(doc.version);

    // The worker notices a promotion by another process (this one stands for the CLI) within
    // its registry cache's revalidation period (about a second): ask until the answer names
    // the new version, each time as another user (the flood guard drops one user's identical
    // command repeated within 2 s). Bounded: a worker that never notices fails the test.
    let after: { text: string } | undefined;
    for (let attempt = 0; attempt < 30 && !after?.text.includes(doc.version); attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 200));
      const again = system.chat({ languageCode: 'en' });
      await again.send(`/explain ${id}`);
      [after] = await again.nextReplies(1, 15_000);
    }

    expect(after!.text).toContain(doc.version);
    const was = deltas(before!.text, 'Arsenal attack');
    const now = deltas(after!.text, 'Arsenal attack');
    expect(now[0]).toBeGreaterThan(was[0] + 1);
    expect(now[2]).toBeLessThan(was[2]);
  });
});
