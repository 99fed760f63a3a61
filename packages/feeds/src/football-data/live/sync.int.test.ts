import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
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
import { readFileSync } from 'node:fs';
import { startFakeFootballDataServer, type FakeFootballDataServer } from './fake-server';
import { syncFootballDataFixtures, syncFootballDataResults } from './sync';
import { footballDataSeasonCode } from './urls';

// The 2023/24 Premier League from the bundled history, rewritten in the site's own layout (Div,
// UK dates, a kick-off time) and served as if it were the current season's file.
const NOW = new Date('2026-12-04T09:00:00Z');
const E0_PATH = `/mmz4281/${footballDataSeasonCode(NOW)}/E0.csv`;
const SP1_PATH = `/mmz4281/${footballDataSeasonCode(NOW)}/SP1.csv`;
const [HEADER, ...ROWS] = readCsv(readFileSync(historyFile('E0', '2324'), 'utf8'));

function siteLayout(rows: string[][], div = 'E0'): string {
  const dateAt = HEADER!.indexOf('Date');
  const lines = rows.map((r) => {
    const [y, m, d] = r[dateAt]!.split('-');
    const cells = r.map((c, i) => (i === dateAt ? `${d}/${m}/${y}` : c));
    cells.splice(dateAt + 1, 0, '15:00');
    return [div, ...cells].join(',');
  });
  const header = [...HEADER!];
  header.splice(dateAt + 1, 0, 'Time');
  return [['Div', ...header].join(','), ...lines].join('\n') + '\n';
}

const FIXTURES_CSV = [
  'Div,Date,Time,HomeTeam,AwayTeam,B365H,B365D,B365A',
  'E0,12/12/2026,15:00,Arsenal,Chelsea,1.80,3.60,4.50',
  'E0,13/12/2026,16:30,Liverpool,Everton,1.40,4.75,7.50',
  'SC0,12/12/2026,15:00,Celtic,Rangers,1.90,3.50,3.90',
].join('\r\n');

describe.each(testEngines)('the football-data.co.uk live feed on %s', (_engine, makeDb) => {
  let handle: TestDatabase;
  let db: Db;
  let site: FakeFootballDataServer;
  const options = () => ({ baseUrl: site.baseUrl, leagues: ['E0'], now: NOW, timeoutMs: 5000 });
  const e0Fixtures = async () => {
    const league = await findLeagueByCode(db, 'E0');
    return league ? countFixtures(db, { leagueId: league.id }) : 0;
  };

  beforeEach(async () => {
    handle = await makeDb();
    db = handle.db;
    await migrateLatest(db);
    site = await startFakeFootballDataServer();
  });
  afterEach(async () => {
    await site.close();
    await handle.dispose();
  });

  it("When the day's results file is synced twice, then the first run inserts every match and the second finds them unchanged", async () => {
    site.setFile(E0_PATH, siteLayout(ROWS.slice(0, 40)));

    const first = await syncFootballDataResults(db, options());
    const second = await syncFootballDataResults(db, options());

    expect(first.failures).toEqual([]);
    expect(first.imported[0]).toMatchObject({ inserted: 40, rejected: 0 });
    expect(second.imported[0]).toMatchObject({ inserted: 0, updated: 0, unchanged: 40 });
    expect(await e0Fixtures()).toBe(40);
    expect(site.requests).toEqual([E0_PATH, E0_PATH]);
  });

  it('When the file grows by a round, then only the new matches are inserted', async () => {
    site.setFile(E0_PATH, siteLayout(ROWS.slice(0, 30)));
    await syncFootballDataResults(db, options());
    site.setFile(E0_PATH, siteLayout(ROWS.slice(0, 40)));

    const report = await syncFootballDataResults(db, options());

    expect(report.imported[0]).toMatchObject({ inserted: 10, unchanged: 30 });
    expect(await e0Fixtures()).toBe(40);
  });

  it('When a row is malformed, then it is rejected by line and reason and the others are imported', async () => {
    const text = siteLayout(ROWS.slice(0, 10)).replace('11/08/2023', '31/02/2023');

    site.setFile(E0_PATH, text);
    const report = await syncFootballDataResults(db, options());

    expect(report.imported[0]).toMatchObject({ inserted: 9, rejected: 1 });
    expect(report.imported[0]!.rejects[0]).toMatchObject({ file: site.baseUrl + E0_PATH, line: 2 });
    expect(report.imported[0]!.rejects[0]!.reason).toMatch(/date/i);
  });

  it.each([
    ['the server answers 500', { status: 500 }, /HTTP 500/],
    ['the connection is cut mid-body', { truncateAt: 700 }, /ended early|connection cut/],
  ])(
    'When %s, then the file is reported failed and nothing of it is written',
    async (_what, fault, reason) => {
      site.setFile(E0_PATH, siteLayout(ROWS.slice(0, 40)));
      site.setFile(SP1_PATH, siteLayout(ROWS.slice(40, 45), 'SP1'));
      site.setFault(E0_PATH, fault);

      const report = await syncFootballDataResults(db, { ...options(), leagues: ['E0', 'SP1'] });

      expect(report.failures).toEqual([
        { url: site.baseUrl + E0_PATH, reason: expect.stringMatching(reason) },
      ]);
      expect(await e0Fixtures()).toBe(0);
      // The other league's file is independent of the failed one.
      expect(report.imported.map((r) => [r.url, r.inserted])).toEqual([
        [site.baseUrl + SP1_PATH, 5],
      ]);
    },
  );

  it('When the site answers a web page instead of a CSV, then the file is reported failed and nothing is written', async () => {
    site.setFile(E0_PATH, '<!DOCTYPE html><html><body>Maintenance</body></html>');

    const report = await syncFootballDataResults(db, options());

    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]!.reason).toMatch(/header|column|csv/i);
    expect(await e0Fixtures()).toBe(0);
  });

  it('When the file has a BOM and CRLF line ends, then it imports the same as a plain one', async () => {
    site.setFile(E0_PATH, '\uFEFF' + siteLayout(ROWS.slice(0, 20)).replace(/\n/g, '\r\n'));

    const report = await syncFootballDataResults(db, options());

    expect(report.imported[0]).toMatchObject({ inserted: 20, rejected: 0 });
  });

  it("When the season's file is not published yet (404), then it is listed as missing, not failed", async () => {
    const report = await syncFootballDataResults(db, options());

    expect(report).toMatchObject({ failures: [], imported: [], missing: [site.baseUrl + E0_PATH] });
  });

  it('When upcoming fixtures are synced, then the wanted leagues become scheduled fixtures with odds dated by the download, and a later result settles the same fixture', async () => {
    site.setFile('/fixtures.csv', FIXTURES_CSV);

    const report = await syncFootballDataFixtures(db, options());

    expect(report.failures).toEqual([]);
    expect(report.imported[0]).toMatchObject({ inserted: 2, dataRows: 2 });
    const league = (await findLeagueByCode(db, 'E0'))!;
    const scheduled = await listFixtures(db, {
      leagueId: league.id,
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(scheduled.map((f) => [f.kickoffDate, f.status])).toEqual([
      ['2026-12-12', 'scheduled'],
      ['2026-12-13', 'scheduled'],
    ]);
    expect(scheduled[0]!.kickoffAt.toISOString()).toBe('2026-12-12T15:00:00.000Z');
    const odds = await listOddsForFixtures(db, [scheduled[0]!.id]);
    expect(odds).toEqual([
      expect.objectContaining({
        bookmaker: 'B365',
        market: '1x2',
        priceHome: 1.8,
        source: 'football-data',
        collectedAt: NOW,
      }),
    ]);

    site.setFile(
      E0_PATH,
      'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR\nE0,12/12/2026,15:00,Arsenal,Chelsea,2,1,H\n',
    );
    const results = await syncFootballDataResults(db, options());

    expect(results.imported[0]).toMatchObject({ inserted: 0, updated: 1 });
    const settled = await listFixtures(db, {
      leagueId: league.id,
      from: '2026-12-12',
      to: '2026-12-12',
    });
    expect(settled).toEqual([
      expect.objectContaining({
        id: scheduled[0]!.id,
        status: 'finished',
        homeGoals: 2,
        awayGoals: 1,
      }),
    ]);
  });
});

describe('footballDataSeasonCode', () => {
  it('When a date is in July or later, then it opens the next season', () => {
    expect(footballDataSeasonCode(new Date('2026-12-04T00:00:00Z'))).toBe('2627');
    expect(footballDataSeasonCode(new Date('2027-05-30T00:00:00Z'))).toBe('2627');
    expect(footballDataSeasonCode(new Date('2027-07-01T00:00:00Z'))).toBe('2728');
    expect(footballDataSeasonCode(new Date('2099-08-01T00:00:00Z'))).toBe('9900');
  });
});
