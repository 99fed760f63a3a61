import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN_LEAGUE_CODES } from '../arguments';
import { main } from '../main';
import { capture } from '../test-support/capture';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-cli-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function csv(name: string, header: string, rows: string[]): string {
  const file = join(tmp, name);
  writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
  return file;
}

const withDiv = csv('with-div.csv', 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG', [
  'E0,09/08/2019,Liverpool,Norwich,4,1',
  'E0,10/08/2019,West Ham,Man City,0,5',
]);
const withoutDiv = csv('without-div.csv', 'Date,HomeTeam,AwayTeam,FTHG,FTAG', [
  '17/08/2019,Barcelona,Real Madrid,2,2',
]);

describe('scoreline import-csv --league', () => {
  it('When --league contradicts a file’s Div column, then it warns for that file naming both, and not for a file without Div', async () => {
    const io = capture();

    const code = await main(['import-csv', '--league', 'SP1', withDiv, withoutDiv], io.output, {
      DATA_DIR: join(tmp, 'contradict'),
    });

    expect(code).toBe(0);
    expect(io.err).toEqual([
      `warning: ${withDiv}: its Div column says E0, not --league SP1; those rows were imported as E0`,
    ]);
    expect(io.out.filter((l) => l.includes('inserted'))).toEqual([
      expect.stringContaining(`${withDiv}: inserted 2,`),
      expect.stringContaining(`${withoutDiv}: inserted 1,`),
    ]);
  });

  it('When --league agrees with Div, then there is no warning', async () => {
    const io = capture();

    expect(
      await main(['import-csv', '--league', 'e0', withDiv], io.output, {
        DATA_DIR: join(tmp, 'agree'),
      }),
    ).toBe(0);
    expect(io.err).toEqual([]);
  });

  it('When --league is unknown, then it exits 2 listing the known codes and imports nothing', async () => {
    const io = capture();
    const env = { DATA_DIR: join(tmp, 'unknown') };

    const code = await main(['import-csv', '--league', 'LL', withoutDiv], io.output, env);

    expect(code).toBe(2);
    expect(io.err).toEqual([
      `--league: unknown league "LL"; known codes: ${KNOWN_LEAGUE_CODES.join(', ')}`,
    ]);
    expect(io.out).toEqual([]);
  });
});
