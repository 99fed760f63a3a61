import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { capture } from '../test-support/capture';
import { historyFile } from '@test-support/history';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-predict-cli-'));
const env = { DATA_DIR: tmp };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scoreline predict', () => {
  let version: string;

  beforeAll(async () => {
    const history = historyFile('E0', '2324');
    expect(await main(['import-csv', '--league', 'E0', history], capture().output, env)).toBe(0);
    expect(
      await main(['import-csv', writeSyntheticOdds(tmp, 'E0', '2425')], capture().output, env),
    ).toBe(0);
    const io = capture();
    expect(await main(['retrain', '--league', 'E0'], io.output, env)).toBe(0);
    version = /version (\S+)/.exec(io.out[0]!)![1]!;
  }, 60_000);

  it('When --json is given, then it prints one object with league, teams, model version and every market', async () => {
    const io = capture();

    const code = await main(
      ['predict', '--league', 'E0', 'Arsenal', 'Chelsea', '--json'],
      io.output,
      env,
    );

    expect(code).toBe(0);
    expect(io.out).toHaveLength(1);
    const doc = JSON.parse(io.out[0]!);
    expect(Object.keys(doc)).toEqual(['league', 'home', 'away', 'model_version', 'markets']);
    expect(doc).toMatchObject({
      league: 'E0',
      home: 'Arsenal',
      away: 'Chelsea',
      model_version: version,
    });
    const { home, draw, away } = doc.markets.oneXTwo;
    expect(home + draw + away).toBeCloseTo(1, 9);
    expect(Object.keys(doc.markets)).toEqual(
      expect.arrayContaining([
        'doubleChance',
        'drawNoBet',
        'totals',
        'teamTotals',
        'bothTeamsToScore',
        'asianHandicap',
        'expectedGoals',
        'mostLikelyScores',
      ]),
    );
  });

  it('When names are source spellings or aliases, then they resolve through the alias table', async () => {
    const io = capture();

    const code = await main(
      ['predict', '--league', 'e0', 'Man United', "Nott'm Forest"],
      io.output,
      env,
    );

    expect(code).toBe(0);
    expect(io.out[0]).toBe(`E0: Manchester United v Nottingham Forest (model ${version})`);
    expect(io.out.join('\n')).toMatch(/1X2: +home \d+\.\d% +draw \d+\.\d% +away \d+\.\d%/);
    expect(io.out.join('\n')).toMatch(/likely scores: +\d-\d \d+\.\d%/);
  });

  it('When a name is unknown or ambiguous, then it exits 2 with the closest matches', async () => {
    const unknown = capture();
    const ambiguous = capture();

    expect(
      await main(['predict', '--league', 'E0', 'Arsenal Tula', 'Chelsea'], unknown.output, env),
    ).toBe(2);
    expect(await main(['predict', '--league', 'E0', 'Arsenal', 'Man'], ambiguous.output, env)).toBe(
      2,
    );

    expect(unknown.err).toEqual([
      expect.stringMatching(/^unknown team "Arsenal Tula": closest Arsenal, /),
    ]);
    expect(ambiguous.err).toEqual([
      'ambiguous team name "Man": did you mean Manchester City, Manchester United?',
    ]);
    expect([...unknown.out, ...ambiguous.out]).toEqual([]);
  });

  it('When arguments are missing or the league is not a league, then 2; a league without history, then 1', async () => {
    const missing = capture();
    const noHistory = capture();
    const unknown = capture();

    expect(await main(['predict', '--league', 'E0', 'Arsenal'], missing.output, env)).toBe(2);
    expect(await main(['predict', '--league', 'SP1', 'A', 'B'], noHistory.output, env)).toBe(1);
    expect(await main(['predict', '--league', 'EPL', 'A', 'B'], unknown.output, env)).toBe(2);

    expect(missing.err.join('\n')).toContain('usage: scoreline predict');
    expect(noHistory.err).toEqual([
      'SP1 has no history yet: import it first (scoreline import-csv); leagues with history: E0',
    ]);
    expect(unknown.err).toEqual([
      expect.stringMatching(/^--league: unknown league "EPL"; known codes: E0, E1, SP1, /),
    ]);
  });
});
