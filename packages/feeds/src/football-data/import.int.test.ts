import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  countFixtures,
  findLeagueByCode,
  listFixtures,
  listOddsForFixtures,
  migrateLatest,
  type Db,
} from '@scoreline/db';
import { readCsv } from '@test-support/csv';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { historyFile } from '@test-support/history';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedFormatError } from '../errors';
import { importFootballDataFile, IMPORT_CHUNK_ROWS, seasonOf } from './import';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-import-'));
// The 2024/25 Premier League in football-data.co.uk's layout with generated odds, and the same
// season as bundled (no Div, no odds).
const ODDS_2425 = writeSyntheticOdds(tmp, 'E0', '2425', { bom: true });
const PDDL_2425 = historyFile('E0', '2425');
/** A bundled history season: no Div column, 380 rows, so two chunks. */
const HISTORY_2324 = historyFile('E0', '2324');
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

  it('When a chunk fails midway through a file, then only whole chunks stay, counted, and a re-import finishes it', async () => {
    const rows = readCsv(readFileSync(HISTORY_2324, 'utf8')).slice(1);
    expect(rows.length).toBeGreaterThan(IMPORT_CHUNK_ROWS);
    // A database error on a row of the second chunk, after the chunk has written other rows.
    const failingDate = rows[IMPORT_CHUNK_ROWS + 20]![0]!;
    const firstRowOnThatDate = rows.findIndex((r) => r[0] === failingDate);
    expect(firstRowOnThatDate).toBeGreaterThan(IMPORT_CHUNK_ROWS);
    await injectInsertFailure(db, _engine, failingDate);
    const before = await countFixtures(db);
    let committed = 0;

    // better-sqlite3's native module makes its errors in the realm of the first test file that
    // loaded it, so in a whole-suite run they are no `instanceof Error` here: match the message.
    await expect(
      importFootballDataFile(db, HISTORY_2324, {
        league: 'E0',
        onProgress: (done) => (committed = done),
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/injected failure/) });
    const afterFailure = await countFixtures(db);
    await removeInsertFailure(db, _engine);
    const rerun = await importFootballDataFile(db, HISTORY_2324, { league: 'E0' });

    // The chunks before the failing one committed whole; nothing of the failed chunk stayed.
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThanOrEqual(firstRowOnThatDate);
    expect(afterFailure - before).toBe(committed);
    expect(rerun).toMatchObject({
      dataRows: rows.length,
      inserted: rows.length - committed,
      updated: 0,
      unchanged: committed,
      rejected: 0,
    });
    expect(await countFixtures(db)).toBe(before + rows.length);
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

/** Makes inserting a fixture dated `date` fail inside the database, as a real error would. */
async function injectInsertFailure(db: Db, engine: string, date: string): Promise<void> {
  if (engine === 'sqlite') {
    await db.writer.raw(
      `CREATE TRIGGER import_fails BEFORE INSERT ON fixtures WHEN NEW.kickoff_date = '${date}'
       BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    return;
  }
  await db.writer.raw(
    `CREATE FUNCTION import_fails() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.kickoff_date = '${date}' THEN RAISE EXCEPTION 'injected failure'; END IF;
       RETURN NEW;
     END $$`,
  );
  await db.writer.raw(
    'CREATE TRIGGER import_fails BEFORE INSERT ON fixtures FOR EACH ROW EXECUTE FUNCTION import_fails()',
  );
}

async function removeInsertFailure(db: Db, engine: string): Promise<void> {
  await db.writer.raw('DROP TRIGGER import_fails' + (engine === 'sqlite' ? '' : ' ON fixtures'));
  if (engine !== 'sqlite') await db.writer.raw('DROP FUNCTION import_fails()');
}
