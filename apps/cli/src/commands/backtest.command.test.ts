import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { capture } from '../test-support/capture';
import { historyFile } from '@test-support/history';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-backtest-'));
const env = { DATA_DIR: tmp };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scoreline backtest', () => {
  beforeAll(async () => {
    const files = [historyFile('E0', '2223'), historyFile('E0', '2324')];
    expect(await main(['import-csv', '--league', 'E0', ...files], capture().output, env)).toBe(0);
    expect(
      await main(['import-csv', writeSyntheticOdds(tmp, 'E0', '2425')], capture().output, env),
    ).toBe(0);
  });

  it('When a window is backtested, then the CSV has one row per match with probabilities and the market is compared on the same matches', async () => {
    const out = join(tmp, 'window.csv');
    const io = capture();

    const code = await main(
      ['backtest', '--league', 'E0', '--from', '2025-03-01', '--to', '2025-05-25', '--out', out],
      io.output,
      env,
    );

    expect(code).toBe(0);
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header).toBe('date,home,away,p_home,p_draw,p_away,home_goals,away_goals');
    expect(rows.length).toBeGreaterThan(90);
    for (const row of rows) {
      const [date, home, away, ph, pd, pa] = row.split(',');
      expect(date! >= '2025-03-01' && date! <= '2025-05-25').toBe(true);
      expect(home && away && home !== away).toBeTruthy();
      expect(Number(ph) + Number(pd) + Number(pa)).toBeCloseTo(1, 5);
    }
    expect(rows.some((r) => r.includes(',Man United,') || r.includes(",Nott'm Forest,"))).toBe(
      true,
    );
    const text = io.out.join('\n');
    expect(text).toMatch(new RegExp(`model: +n=${rows.length} RPS 0\\.\\d{4}`));
    expect(text).toMatch(new RegExp(`market closing: +n=${rows.length} RPS 0\\.\\d{4}`));
    expect(text).toMatch(/market pre-closing: +n=\d+ RPS/);
  });

  it('When arguments are missing or malformed, then it exits 2 with the usage', async () => {
    const missing = capture();
    const badDate = capture();

    expect(await main(['backtest', '--league', 'E0'], missing.output, env)).toBe(2);
    expect(
      await main(
        [
          'backtest',
          '--league',
          'E0',
          '--from',
          '01/03/2025',
          '--to',
          '2025-05-25',
          '--out',
          'x.csv',
        ],
        badDate.output,
        env,
      ),
    ).toBe(2);
    expect(badDate.err[0]).toMatch(/--from must be a date/);
  });

  it('When a date does not exist, then it exits 2 instead of running from another date', async () => {
    const io = capture();
    const out = join(tmp, 'impossible.csv');

    const code = await main(
      ['backtest', '--league', 'E0', '--from', '2024-02-30', '--to', '2025-05-25', '--out', out],
      io.output,
      env,
    );

    expect(code).toBe(2);
    expect(io.err).toEqual(['--from: 2024-02-30 is not a date of the calendar']);
    expect(existsSync(out)).toBe(false);
  });

  it('When the league has no history, then it exits 1 saying what to import', async () => {
    const io = capture();

    const code = await main(
      [
        'backtest',
        '--league',
        'SP1',
        '--from',
        '2025-03-01',
        '--to',
        '2025-05-25',
        '--out',
        join(tmp, 'x.csv'),
      ],
      io.output,
      env,
    );

    expect(code).toBe(1);
    expect(io.err.join('\n')).toMatch(/import/);
  });
});
