import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  countFixtures,
  findLeagueBySportmonksId,
  getSyncCursor,
  getTeam,
  listFixtures,
  listOddsForFixtures,
  listRecentJobRuns,
  listSeasons,
  migrateLatest,
  type Db,
  type Fixture,
} from '@scoreline/db';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFootballDataFile } from '../football-data/import';
import { createSportmonksClient, type SportmonksClient } from './client';
import {
  startFakeSportmonksServer,
  type FakeFixtureInput,
  type FakeOddInput,
  type FakeSportmonksServer,
} from './fake-server';
import { syncCursorKey, syncSportmonks, type SyncOptions } from './sync';
import { createOpsRetry } from './sync-retry';

const TOKEN = 'sm-test-token-5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const FROM = '2025-03-01';
const TO = '2025-03-28'; // four 7-day windows
const NOW = new Date('2025-03-12T12:00:00Z');
const SC0 = 501; // in the league map (SC0)
const OTHER = 9999; // not in the league map

const team = (id: number, name: string) => ({ id, name });
const CELTIC = team(53, 'Celtic');
const RANGERS = team(62, 'Rangers');
// SportMonks' spelling differs from the canonical name (Heart of Midlothian) on purpose.
const HEARTS = team(314, 'Hearts');
const ABERDEEN = team(273, 'Aberdeen');
const HIBS = team(66, 'Hibernian');
const MOTHERWELL = team(258, 'Motherwell');
const UNKNOWN = team(9001, 'Zzyzx Rovers');
const ALPHA = team(9101, 'Alpha Athletic');
const BETA = team(9102, 'Beta Wanderers');

const fx = (
  id: number,
  leagueId: number,
  startingAtUtc: string,
  home: { id: number; name: string },
  away: { id: number; name: string },
  stateId: number,
  goals?: [number, number],
  ht?: [number, number],
): FakeFixtureInput => ({
  id,
  leagueId,
  seasonId: leagueId === SC0 ? 23690 : 77000,
  startingAtUtc,
  home,
  away,
  stateId,
  ...(goals ? { homeGoals: goals[0], awayGoals: goals[1] } : {}),
  ...(ht ? { ht: { home: ht[0], away: ht[1] } } : {}),
});

const FIXTURES: FakeFixtureInput[] = [
  fx(1001, SC0, '2025-03-01 15:00:00', CELTIC, RANGERS, 5, [2, 1], [1, 0]),
  fx(1002, SC0, '2025-03-02 12:00:00', HEARTS, ABERDEEN, 5, [0, 0], [0, 0]),
  fx(1003, SC0, '2025-03-09 15:00:00', HIBS, MOTHERWELL, 5, [3, 2]),
  fx(1004, SC0, '2025-03-15 19:45:00', RANGERS, HEARTS, 10),
  fx(1005, SC0, '2025-03-16 15:00:00', ABERDEEN, CELTIC, 1),
  fx(1006, SC0, '2025-03-22 15:00:00', MOTHERWELL, UNKNOWN, 1),
  fx(1007, SC0, '2025-03-28 23:30:00', CELTIC, HIBS, 1),
  fx(2001, OTHER, '2025-03-10 18:00:00', ALPHA, BETA, 5, [1, 1]),
  fx(2002, OTHER, '2025-03-23 18:00:00', BETA, ALPHA, 1),
];

const odd = (
  fixtureId: number,
  bookmakerId: number,
  marketId: number,
  label: string,
  value: string,
  extra: Partial<FakeOddInput> = {},
): FakeOddInput => ({ fixtureId, bookmakerId, marketId, label, value, ...extra });

const ODDS: FakeOddInput[] = [
  odd(1005, 2, 1, 'Home', '2.80'),
  odd(1005, 2, 1, 'Draw', '3.40'),
  odd(1005, 2, 1, 'Away', '2.45'),
  odd(1005, 2, 80, 'Over', '1.85', { total: '2.5' }),
  odd(1005, 2, 80, 'Under', '1.95', { total: '2.5' }),
  odd(1005, 2, 80, 'Over', '2.60', { total: '3.5' }),
  odd(1005, 2, 80, 'Under', '1.48', { total: '3.5' }),
  odd(1005, 2, 6, 'Home', '1.90', { handicap: '+0.25' }),
  odd(1005, 2, 6, 'Away', '1.95', { handicap: '-0.25' }),
  odd(1005, 2, 2, 'Home/Draw', '1.45'), // double chance: not stored
  odd(1005, 9, 1, '1', '2.75'),
  odd(1005, 9, 1, 'X', '3.30'),
  odd(1005, 9, 1, '2', '2.50'),
  odd(1005, 11, 1, 'Home', '2.90'), // incomplete 1X2: not stored
  odd(1006, 2, 1, 'Home', '1.50'),
  odd(1006, 2, 1, 'Draw', '4.00'),
  odd(1006, 2, 1, 'Away', '6.50'),
  odd(2002, 2, 1, 'Home', '2.10'),
  odd(2002, 2, 1, 'Draw', '3.30'),
  odd(2002, 2, 1, 'Away', '3.40'),
  // Odds of a finished match are not pre-match odds of an upcoming one: never fetched.
  odd(1001, 2, 1, 'Home', '1.40'),
  odd(1001, 2, 1, 'Draw', '4.50'),
  odd(1001, 2, 1, 'Away', '7.00'),
];

/** The odds the sync should store: `<sm fixture>|<bookmaker>|<market>|<line>|<prices>`. */
const EXPECTED_ODDS = [
  '1005|sm:2|1x2||2.8/3.4/2.45',
  '1005|sm:2|ou_2.5|2.5|o1.85/u1.95',
  '1005|sm:2|ou_3.5|3.5|o2.6/u1.48',
  '1005|sm:2|ah|0.25|1.9/1.95',
  '1005|sm:9|1x2||2.75/3.3/2.5',
  '1006|sm:2|1x2||1.5/4/6.5',
  '2002|sm:2|1x2||2.1/3.3/3.4',
].sort();

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-sync-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fastSleep = () => Promise.resolve();

function clientFor(fake: FakeSportmonksServer): SportmonksClient {
  return createSportmonksClient({ baseUrl: fake.baseUrl, token: TOKEN, sleep: fastSleep });
}

function options(extra: Partial<SyncOptions> = {}): SyncOptions {
  return {
    leagueIds: [SC0, OTHER],
    from: FROM,
    to: TO,
    now: () => NOW,
    secrets: [TOKEN],
    ...extra,
  };
}

async function allFixtures(db: Db): Promise<Fixture[]> {
  const out: Fixture[] = [];
  for (const sm of [SC0, OTHER]) {
    const league = await findLeagueBySportmonksId(db, sm);
    if (league) out.push(...(await listFixtures(db, { leagueId: league.id, from: FROM, to: TO })));
  }
  return out;
}

/** The stored fixtures in the served shape, by SportMonks id. */
async function storedSet(db: Db) {
  const rows = await allFixtures(db);
  const out = [];
  for (const f of rows) {
    const home = await getTeam(db, f.homeTeamId);
    const away = await getTeam(db, f.awayTeamId);
    out.push({
      id: f.sportmonksId,
      kickoff: f.kickoffAt.toISOString(),
      kickoffDate: f.kickoffDate,
      home: home?.sportmonksId,
      away: away?.sportmonksId,
      status: f.status,
      goals: [f.homeGoals, f.awayGoals],
      ht: [f.htHomeGoals, f.htAwayGoals],
    });
  }
  return out.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

const STATUS: Record<number, string> = { 1: 'scheduled', 5: 'finished', 10: 'postponed' };
const SERVED_SET = FIXTURES.map((f) => ({
  id: f.id,
  kickoff: `${f.startingAtUtc.replace(' ', 'T')}.000Z`,
  kickoffDate: f.startingAtUtc.slice(0, 10),
  home: f.home.id,
  away: f.away.id,
  status: STATUS[f.stateId],
  goals: [f.homeGoals ?? null, f.awayGoals ?? null],
  ht: [f.ht?.home ?? null, f.ht?.away ?? null],
})).sort((a, b) => a.id - b.id);

async function storedOdds(db: Db): Promise<string[]> {
  const fixtures = await allFixtures(db);
  const smId = new Map(fixtures.map((f) => [f.id, f.sportmonksId]));
  const odds = await listOddsForFixtures(
    db,
    fixtures.map((f) => f.id),
  );
  return odds
    .map((o) => {
      const prices =
        o.market === '1x2' || o.market === 'ah'
          ? [o.priceHome, o.priceDraw, o.priceAway].filter((p) => p !== null).join('/')
          : `o${o.priceOver}/u${o.priceUnder}`;
      expect(o).toMatchObject({ kind: 'pre', source: 'sportmonks' });
      return `${smId.get(o.fixtureId)}|${o.bookmaker}|${o.market}|${o.line ?? ''}|${prices}`;
    })
    .sort();
}

const betweenRequests = (fake: FakeSportmonksServer, since: number) =>
  fake.requests.slice(since).filter((r) => r.path.startsWith('/fixtures/between/'));

describe.each(testEngines)('syncSportmonks on %s', (engine, makeDb) => {
  let fake: FakeSportmonksServer;
  let handle: TestDatabase;
  let db: Db;
  const extraDbs: TestDatabase[] = [];

  async function freshDb(): Promise<Db> {
    const h = await makeDb();
    extraDbs.push(h);
    await migrateLatest(h.db);
    return h.db;
  }

  beforeAll(async () => {
    fake = await startFakeSportmonksServer({
      token: TOKEN,
      fixtures: FIXTURES,
      odds: ODDS,
      leagues: [
        { id: SC0, name: 'Premiership' },
        { id: OTHER, name: 'Test Island League' },
      ],
      seasons: [{ id: 23690, leagueId: SC0, name: '2024/2025', isCurrent: true }],
    });
    handle = await makeDb();
    db = handle.db;
    await migrateLatest(db);
  });
  afterAll(async () => {
    await fake.close();
    await handle.dispose();
    for (const h of extraDbs) await h.dispose();
  });

  it('When a range is synced, then the stored fixtures, results and upcoming odds equal the served ones', async () => {
    const report = await syncSportmonks(db, clientFor(fake), options());

    expect(await storedSet(db)).toEqual(SERVED_SET);
    expect(await storedOdds(db)).toEqual(EXPECTED_ODDS);
    expect(report.fixtures).toEqual({ inserted: 9, updated: 0, unchanged: 0 });
    expect(report.odds).toEqual({ inserted: EXPECTED_ODDS.length, updated: 0, unchanged: 0 });
    expect(report.leagues.map((l) => [l.leagueId, l.code, l.name, l.windows])).toEqual([
      [SC0, 'SC0', 'Scottish Premiership', 4],
      [OTHER, 'SM9999', 'Test Island League', 4],
    ]);
    expect(report.newTeams).toEqual([
      'SC0: Zzyzx Rovers',
      'SM9999: Alpha Athletic',
      'SM9999: Beta Wanderers',
    ]);
    const sc0 = await findLeagueBySportmonksId(db, SC0);
    expect((await listSeasons(db, sc0!.id)).map((s) => [s.name, s.sportmonksId])).toEqual([
      ['2024/25', 23690],
    ]);
    const runs = await listRecentJobRuns(db, { name: 'sync' });
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      result: expect.objectContaining({
        fixtures: { inserted: 9, updated: 0, unchanged: 0 },
        odds: { inserted: EXPECTED_ODDS.length, updated: 0, unchanged: 0 },
        newTeams: 3,
      }),
    });
    // The finished match's odds were never asked for.
    expect(fake.requests.some((r) => r.path === '/odds/pre-match/fixtures/1001')).toBe(false);
  });

  it('When the same range is synced again, then everything is unchanged and no team is new', async () => {
    const since = fake.requests.length;

    const report = await syncSportmonks(db, clientFor(fake), options());

    expect(report.fixtures).toEqual({ inserted: 0, updated: 0, unchanged: 9 });
    expect(report.odds).toEqual({ inserted: 0, updated: 0, unchanged: EXPECTED_ODDS.length });
    expect(report.newTeams).toEqual([]);
    expect(report.leagues.every((l) => l.windowsSkipped === 0)).toBe(true);
    expect(betweenRequests(fake, since)).toHaveLength(8);
    expect(await storedSet(db)).toEqual(SERVED_SET);
  });

  it('When a sync is aborted after two windows, then a rerun skips them and ends with the same set', async () => {
    const target = await freshDb();
    const aborted = syncSportmonks(
      target,
      clientFor(fake),
      options({
        onProgress: (p) => {
          if (p.leagueId === SC0 && p.window === 2) throw new Error('stopped by operator');
        },
      }),
    );
    await expect(aborted).rejects.toThrow('stopped by operator');
    expect(await countFixtures(target)).toBe(3); // the SC0 fixtures of windows 1 and 2
    const cursor = await getSyncCursor(target, 'sportmonks', syncCursorKey(SC0, FROM, TO));
    expect(JSON.parse(cursor!.value)).toEqual({ through: '2025-03-14' });
    const since = fake.requests.length;

    const report = await syncSportmonks(target, clientFor(fake), options());

    const sc0 = betweenRequests(fake, since).filter((r) => r.query.filters?.includes(`${SC0}`));
    expect(sc0.map((r) => r.path)).toEqual([
      '/fixtures/between/2025-03-15/2025-03-21',
      '/fixtures/between/2025-03-22/2025-03-28',
    ]);
    expect(report.leagues[0]).toMatchObject({ windowsSkipped: 2, resumedAfter: '2025-03-14' });
    expect(await storedSet(target)).toEqual(SERVED_SET);
    expect(await storedOdds(target)).toEqual(EXPECTED_ODDS);
    expect(await countFixtures(target)).toBe(FIXTURES.length);
    const runs = await listRecentJobRuns(target, { name: 'sync' });
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'failed']);
    expect(runs[1]!.error).toContain('stopped by operator');
    const done = await getSyncCursor(target, 'sportmonks', syncCursorKey(SC0, FROM, TO));
    expect(JSON.parse(done!.value)).toEqual({ through: TO, done: true });
  });

  it('When the token is rejected midway, then the failure is recorded without the token and a rerun resumes', async () => {
    const target = await freshDb();
    fake.inject(
      { kind: 'status', status: 401, body: { message: `Unauthenticated: ${TOKEN}` } },
      { path: /^\/fixtures\/between\/2025-03-15\// },
    );
    const lines: string[] = [];
    const logger = {
      info: (m: string, meta?: object) => lines.push(`${m} ${JSON.stringify(meta)}`),
      warn: (m: string, meta?: object) => lines.push(`${m} ${JSON.stringify(meta)}`),
    };

    const failed = syncSportmonks(target, clientFor(fake), options({ leagueIds: [SC0], logger }));

    await expect(failed).rejects.toThrow(/HTTP 401/);
    const error = await failed.catch((e: Error) => e);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    const [run] = await listRecentJobRuns(target, { name: 'sync' });
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 401') });
    expect(run!.error).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toContain(TOKEN);
    const since = fake.requests.length;

    const report = await syncSportmonks(target, clientFor(fake), options({ leagueIds: [SC0] }));

    expect(betweenRequests(fake, since).map((r) => r.path)).toEqual([
      '/fixtures/between/2025-03-15/2025-03-21',
      '/fixtures/between/2025-03-22/2025-03-28',
    ]);
    expect(report.leagues[0]!.windowsSkipped).toBe(2);
    expect(await countFixtures(target)).toBe(7);
  });

  it('When SportMonks answers 429 with a reset and 500s, then the sync waits as told and completes', async () => {
    const target = await freshDb();
    const waits: number[] = [];
    const logs: string[] = [];
    const retry = createOpsRetry(
      { attempts: 4, delayMs: 10, maxDelayMs: 100, backoff: 2 },
      {
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
        random: () => 0.5,
        logger: { warn: (m) => logs.push(m), error: (m) => logs.push(m) },
      },
    );
    fake.inject(
      { kind: 'rate-limit', resetsInSeconds: 7, withRateLimitBlock: true },
      { path: /^\/fixtures\/between\/2025-03-08\// },
    );
    fake.inject({ kind: 'status', status: 500 }, { path: /^\/odds\//, times: 2 });
    fake.inject({ kind: 'truncated' }, { path: /^\/fixtures\/between\/2025-03-22\// });

    const report = await syncSportmonks(
      target,
      createSportmonksClient({ baseUrl: fake.baseUrl, token: TOKEN, sleep: fastSleep, retry }),
      options(),
    );

    expect(report.fixtures.inserted).toBe(FIXTURES.length);
    expect(await storedSet(target)).toEqual(SERVED_SET);
    expect(await storedOdds(target)).toEqual(EXPECTED_ODDS);
    expect(waits).toContain(7000);
    expect(waits.filter((w) => w !== 7000)).toHaveLength(3); // two 500s, one truncated body
    expect(logs.filter((l) => l.startsWith('Retrying sportmonks GET '))).toHaveLength(4);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('When a CSV import holds the same match, then the SportMonks fixture adopts it', async () => {
    const target = await freshDb();
    const csv = join(tmp, `sc0-${engine}.csv`);
    writeFileSync(
      csv,
      [
        'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,HS,AS',
        'SC0,01/03/2025,15:00,Celtic,Rangers,2,1,14,9',
        'SC0,02/03/2025,12:00,Hearts,Aberdeen,0,0,8,7',
      ].join('\r\n'),
    );
    await importFootballDataFile(target, csv);

    const report = await syncSportmonks(target, clientFor(fake), options({ leagueIds: [SC0] }));

    expect(report.fixtures).toEqual({ inserted: 5, updated: 2, unchanged: 0 });
    expect(await countFixtures(target)).toBe(7);
    const rows = await allFixtures(target);
    const hearts = rows.find((f) => f.sportmonksId === 1002)!;
    expect(hearts).toMatchObject({
      source: 'football-data',
      homeShots: 8,
      awayShots: 7,
      homeGoals: 0,
      htHomeGoals: 0,
    });
    expect(await getTeam(target, hearts.homeTeamId)).toMatchObject({
      name: 'Heart of Midlothian',
      sportmonksId: HEARTS.id,
    });
    expect(report.newTeams).toEqual(['SC0: Zzyzx Rovers']);
    expect(await storedSet(target)).toEqual(SERVED_SET.filter((f) => f.id < 2000));
  });

  it('When a rescheduled fixture meets a CSV row at its new date, then it is reported and the rest syncs', async () => {
    const target = await freshDb();
    await syncSportmonks(target, clientFor(fake), options({ leagueIds: [SC0] }));
    const csv = join(tmp, `rescheduled-${engine}.csv`);
    writeFileSync(
      csv,
      ['Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG', 'SC0,19/03/2025,19:45,Rangers,Hearts,1,1'].join(
        '\r\n',
      ),
    );
    await importFootballDataFile(target, csv);
    const moved = await startFakeSportmonksServer({
      token: TOKEN,
      fixtures: FIXTURES.map((f) =>
        f.id === 1004
          ? { ...f, startingAtUtc: '2025-03-19 19:45:00', stateId: 5, homeGoals: 1, awayGoals: 1 }
          : f,
      ),
      odds: ODDS,
      leagues: [{ id: SC0, name: 'Premiership' }],
      seasons: [{ id: 23690, leagueId: SC0, name: '2024/2025', isCurrent: true }],
    });
    try {
      const report = await syncSportmonks(target, clientFor(moved), options({ leagueIds: [SC0] }));

      expect(report.leagues[0]!.conflicts).toEqual([
        'SC0: Rangers v Hearts on 2025-03-19 (SportMonks fixture 1004): another stored fixture has this league, date and teams',
      ]);
      expect(report.leagues[0]!.fixturesSkipped).toBe(1);
      expect(report.fixtures).toEqual({ inserted: 0, updated: 0, unchanged: 6 });
      expect(await countFixtures(target)).toBe(8);
      const [run] = await listRecentJobRuns(target, { name: 'sync' });
      expect(run).toMatchObject({ status: 'succeeded' });
    } finally {
      await moved.close();
    }
  });
});
