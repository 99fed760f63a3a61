import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
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

    expect(io.err).toEqual([]);
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
    expect(text).toMatch(/warm-up 1095 days \(\d{3,} forecasts\)/);
    expect(text).toMatch(
      /whole window: RPS 0\.\d{4} \[95% 0\.\d{4}, 0\.\d{4}\]; − Dixon-Coles [+-]0\.\d{4} \[95% .*; − closing market [+-]0\.\d{4}/,
    );
    expect(text).toMatch(/season 2024\/25: RPS 0\.\d{4} \[95%/);
    expect(text).toMatch(/predictable: (yes|no) — over 2024\/25 \(\d+ matches\) the model's RPS/);
  });

  it('When the CLI and the bench backtest the same league with the same settings, then their forecasts are identical', async () => {
    // The bench's own code (bench/lib), on the same bundled seasons the CLI imported.
    const bench = jest.requireActual<{
      benchForecasts: (
        m: unknown[],
        o: { from: string; to: string; warmupDays: number },
      ) => { predictions: Array<{ date: string; home: string; away: string; probs: number[] }> };
    }>('../../../../bench/lib/protocol');
    const { loadHistory } = jest.requireActual<{
      loadHistory: (league: string, from: number, to: number) => unknown[];
    }>('../../../../bench/lib/data');
    const out = join(tmp, 'same.csv');
    const window = { from: '2024-01-01', to: '2024-03-31', warmupDays: 400 };

    const code = await main(
      [
        'backtest',
        ...['--league', 'E0', '--from', window.from, '--to', window.to, '--out', out],
        ...['--warmup-days', String(window.warmupDays)],
      ],
      capture().output,
      env,
    );
    const fromBench = bench.benchForecasts(loadHistory('E0', 2022, 2023), window).predictions;

    expect(code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    expect(rows).toHaveLength(fromBench.length);
    expect(rows.length).toBeGreaterThan(90);
    // Same-day matches may come in another order (database vs file order): pair them by key.
    const byKey = new Map(fromBench.map((b) => [`${b.date}|${b.home}|${b.away}`, b.probs]));
    for (const row of rows) {
      const [date, home, away, ...probs] = row.split(',');
      const b = byKey.get(`${date}|${home}|${away}`);
      expect(b).toBeDefined();
      probs.slice(0, 3).forEach((p, k) => expect(Math.abs(Number(p) - b![k]!)).toBeLessThan(1e-6));
    }
  }, 60_000);

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
