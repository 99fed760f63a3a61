import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  countFixtures,
  findLeagueByCode,
  listFixtures,
  listOddsForFixtures,
  migrateLatest,
  type Db,
} from '@scoreline/db';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { historyFile } from '@test-support/history';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedFormatError } from '../errors';
import { importFootballDataFile, seasonOf } from './import';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-import-'));
// The 2024/25 Premier League in football-data.co.uk's layout with generated odds, and the same
// season as bundled (no Div, no odds).
const ODDS_2425 = writeSyntheticOdds(tmp, 'E0', '2425', { bom: true });
const PDDL_2425 = historyFile('E0', '2425');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('seasonOf', () => {
  it('should open a season in July', () => {
    expect(seasonOf('2024-08-16')).toBe('2024/25');
    expect(seasonOf('2025-05-25')).toBe('2024/25');
    expect(seasonOf('1999-07-01')).toBe('1999/00');
  });
});

describe.each(testEngines)('importFootballDataFile on %s', (_engine, makeDb) => {
  let handle: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    handle = await makeDb();
    db = handle.db;
    await migrateLatest(db);
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it('When a season file with odds is imported, then every row becomes a fixture with its odds', async () => {
    const report = await importFootballDataFile(db, ODDS_2425);

    expect(report).toMatchObject({
      dataRows: 380,
      inserted: 380,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const league = await findLeagueByCode(db, 'E0');
    expect(league).toMatchObject({ code: 'E0', sportmonksId: 8 });
    const fixtures = await listFixtures(db, {
      leagueId: league!.id,
      from: '2024-08-01',
      to: '2025-06-30',
    });
    expect(fixtures).toHaveLength(380);
    const odds = await listOddsForFixtures(
      db,
      fixtures.map((f) => f.id),
    );
    const pinnacleClose = new Set(
      odds
        .filter((o) => o.bookmaker === 'PS' && o.market === '1x2' && o.kind === 'close')
        .map((o) => o.fixtureId),
    );
    expect(pinnacleClose.size).toBe(380);
    const opener = fixtures.find((f) => f.kickoffDate === '2024-08-16')!;
    expect(opener).toMatchObject({ homeGoals: 1, awayGoals: 0, homeShots: 14, status: 'finished' });
  });

  it('When the same file is imported again, then nothing changes', async () => {
    const report = await importFootballDataFile(db, ODDS_2425);

    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: 380, rejected: 0 });
    expect(await countFixtures(db)).toBe(380);
  });

  it('When a price changed at the source, then only that match is updated, with the new price', async () => {
    const lines = readFileSync(ODDS_2425, 'utf8').split(/\r?\n/);
    const header = lines[0]!.replace(/^\uFEFF/, '').split(',');
    const col = header.indexOf('PSCH');
    const row = lines[1]!.split(',');
    row[col] = '9.99';
    lines[1] = row.join(',');
    const file = join(tmp, `changed-${_engine}.csv`);
    writeFileSync(file, lines.join('\r\n'));

    const report = await importFootballDataFile(db, file);

    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 379 });
    const league = await findLeagueByCode(db, 'E0');
    const [opener] = await listFixtures(db, {
      leagueId: league!.id,
      from: '2024-08-16',
      to: '2024-08-16',
    });
    const odds = await listOddsForFixtures(db, [opener!.id]);
    const psClose = odds.find(
      (o) => o.bookmaker === 'PS' && o.market === '1x2' && o.kind === 'close',
    );
    expect(psClose?.priceHome).toBe(9.99);
  });

  it('When another source holds the same matches, then they merge into the same fixtures', async () => {
    const report = await importFootballDataFile(db, PDDL_2425, { league: 'E0' });

    expect(report.inserted).toBe(0);
    expect(report.inserted + report.updated + report.unchanged).toBe(380);
    expect(await countFixtures(db)).toBe(380);
    expect(report.newTeams).toEqual([]);
  });

  it('When rows are bad, then each is rejected with its line and the counts add up to the data rows', async () => {
    const file = join(tmp, `bad-rows-${_engine}.csv`);
    writeFileSync(
      file,
      [
        'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG',
        'E0,10/05/2026,Arsenal,Chelsea,2,1',
        'E0,31/02/2026,Arsenal,Everton,1,1',
        'E0,11/05/2026,,Everton,1,1',
        'E0,12/05/2026,Liverpool,Fulham,x,1',
        'E0,13/05/2026,Wolves,Spurs,0,0',
      ].join('\r\n'),
    );

    const report = await importFootballDataFile(db, file);

    expect(report).toMatchObject({ dataRows: 5, inserted: 2, rejected: 3 });
    expect(report.inserted + report.updated + report.unchanged + report.rejected).toBe(
      report.dataRows,
    );
    expect(report.rejects.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(report.rejects.every((r) => r.file === file && r.reason.length > 0)).toBe(true);
  });

  it('When the file is not a football-data CSV, then it fails with one clear error and changes nothing', async () => {
    const file = join(tmp, `junk-${_engine}.csv`);
    writeFileSync(file, 'name,age\nalice,3\n');
    const before = await countFixtures(db);

    await expect(importFootballDataFile(db, file)).rejects.toThrow(FeedFormatError);
    expect(await countFixtures(db)).toBe(before);
  });

  it('When a file has no Div column and no league is given, then it fails and changes nothing', async () => {
    const before = await countFixtures(db);

    await expect(importFootballDataFile(db, PDDL_2425)).rejects.toThrow(/league/i);
    expect(await countFixtures(db)).toBe(before);
  });
});
