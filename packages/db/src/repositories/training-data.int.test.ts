import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testEngines, type TestDatabase } from '@test-support/databases';
import type { Db } from '../create-db';
import { migrateLatest } from '../migrate';
import { upsertFixture } from './fixtures.repository';
import { upsertLeague } from './leagues.repository';
import { addTeamAlias, upsertTeam } from './teams.repository';
import { listLeagueResults } from './training-data.repository';

describe.each(testEngines)('listLeagueResults on %s', (_engine, makeDb) => {
  let handle: TestDatabase;
  let db: Db;
  let leagueId: number;

  beforeAll(async () => {
    handle = await makeDb();
    db = handle.db;
    await migrateLatest(db);
    leagueId = (await upsertLeague(db, { code: 'E0', name: 'Premier League' })).id;
    const mu = (await upsertTeam(db, { name: 'Manchester United' })).id;
    const ful = (await upsertTeam(db, { name: 'Fulham' })).id;
    await addTeamAlias(db, {
      teamId: mu,
      alias: 'Man United',
      lang: 'src',
      source: 'csv',
      leagueCode: 'E0',
    });
    const game = (date: string, home: number, away: number, goals: [number, number] | null) =>
      upsertFixture(db, {
        leagueId,
        kickoffAt: new Date(`${date}T15:00:00Z`),
        homeTeamId: home,
        awayTeamId: away,
        status: goals ? 'finished' : 'scheduled',
        source: 'test',
        homeGoals: goals?.[0] ?? null,
        awayGoals: goals?.[1] ?? null,
        homeShotsOnTarget: goals ? 5 : undefined,
      });
    await game('2024-08-20', ful, mu, [1, 1]);
    await game('2024-08-16', mu, ful, [1, 0]);
    await game('2024-09-01', mu, ful, null);
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it('should list finished matches in date order with canonical and source names and stats', async () => {
    const rows = await listLeagueResults(db, { leagueId, leagueCode: 'E0' });

    expect(
      rows.map((r) => [r.date, r.home, r.homeSourceName, r.away, r.homeGoals, r.awayGoals]),
    ).toEqual([
      ['2024-08-16', 'Manchester United', 'Man United', 'Fulham', 1, 0],
      ['2024-08-20', 'Fulham', 'Fulham', 'Manchester United', 1, 1],
    ]);
    expect(rows[0]!.stats).toEqual({ homeShotsOnTarget: 5 });
  });

  it('should leave out the day given as `before` and everything after it', async () => {
    const rows = await listLeagueResults(db, { leagueId, leagueCode: 'E0', before: '2024-08-20' });

    expect(rows.map((r) => r.date)).toEqual(['2024-08-16']);
  });
});
