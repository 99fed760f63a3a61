import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { historyFile } from '@test-support/history';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeasonOutlook } from '@scoreline/training';
import { main } from '../main';
import { capture } from '../test-support/capture';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-season-cli-'));
const env = { DATA_DIR: tmp };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scoreline season', () => {
  beforeAll(async () => {
    for (const season of ['2223', '2324', '2425']) {
      const io = capture();
      expect(
        await main(['import-csv', '--league', 'E0', historyFile('E0', season)], io.output, env),
      ).toBe(0);
    }
  }, 120_000);

  it('When asked as of a past date, then it simulates the rest of that season and the probabilities add up', async () => {
    const io = capture();

    const code = await main(
      ['season', '--league', 'E0', '--as-of', '2025-01-01', '--runs', '2000', '--json'],
      io.output,
      env,
    );

    expect(code).toBe(0);
    const doc = JSON.parse(io.out[0]!) as SeasonOutlook;
    expect(doc).toMatchObject({ league: 'E0', season: '2024/25', played: 188, remaining: 192 });
    expect(doc.outlook).toHaveLength(20);
    const sum = (key: 'title' | 'top' | 'relegation') =>
      doc.outlook.reduce((s, t) => s + t[key], 0);
    expect(sum('title')).toBeCloseTo(1, 9);
    expect(sum('top')).toBeCloseTo(4, 9);
    expect(sum('relegation')).toBeCloseTo(3, 9);
    // Points already won are kept: the leader on 1 January cannot end below them.
    const leader = doc.table[0]!;
    const leaderOutlook = doc.outlook.find((t) => t.team === leader.team)!;
    expect(leaderOutlook.expectedPoints).toBeGreaterThan(leader.points);
    const expected = doc.outlook.map((t) => t.expectedPoints);
    expect(expected).toEqual([...expected].sort((a, b) => b - a));
  }, 60_000);

  it('When --score is given, then each complete season is scored against its final table next to the flat baseline', async () => {
    const io = capture();

    const code = await main(
      ['season', '--league', 'E0', '--score', '2', '--runs', '1000'],
      io.output,
      env,
    );

    expect(code).toBe(0);
    expect(io.out[1]).toMatch(/position RPS/);
    expect(io.out.slice(2).map((l) => l.slice(0, 7))).toEqual(['2023/24', '2024/25', 'mean   ']);
    for (const line of io.out.slice(2)) {
      const figures = line
        .slice(7)
        .match(/\d\.\d{4}/g)!
        .map(Number);
      expect(figures).toHaveLength(8);
      for (const f of figures) expect(f).toBeLessThan(0.5);
    }
  }, 120_000);

  it('When the arguments are bad or the season has no data, then it says which, with exit 2 or 1', async () => {
    const runs = capture();
    const date = capture();
    const empty = capture();

    expect(await main(['season', '--league', 'E0', '--runs', '0'], runs.output, env)).toBe(2);
    expect(
      await main(['season', '--league', 'E0', '--as-of', '2025-02-30'], date.output, env),
    ).toBe(2);
    expect(
      await main(['season', '--league', 'E0', '--as-of', '2030-01-01'], empty.output, env),
    ).toBe(1);

    expect(runs.err).toEqual(['--runs must be a whole number from 1 to 1000000, got "0"']);
    expect(date.err).toEqual(['--as-of: 2025-02-30 is not a date of the calendar']);
    expect(empty.err).toEqual(['no E0 fixtures stored for the 2029/30 season']);
  });
});
