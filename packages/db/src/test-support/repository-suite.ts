// The repository tests, written once and run on every engine (SQLite file, Postgres schema):
// the repositories promise the same JS values on both, so the same assertions must hold.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Db } from '../create-db';
import { migrateLatest } from '../migrate';
import { MIGRATION_NAMES } from '../migrations/migration-source';
import { getChat, markChatBlocked, upsertChat } from '../repositories/chats.repository';
import {
  countFixtures,
  getFixture,
  listFinishedFixturesBefore,
  listFixtures,
  upsertFixture,
  upsertFixtureBySportmonksId,
} from '../repositories/fixtures.repository';
import { createSqlHeartbeatStore } from '../repositories/heartbeats.repository';
import {
  failJobRun,
  finishJobRun,
  lastSuccessfulJobRun,
  listRecentJobRuns,
  startJobRun,
} from '../repositories/job-runs.repository';
import {
  findLeague,
  findLeagueByCode,
  findLeagueBySportmonksId,
  listLeagues,
  upsertLeague,
} from '../repositories/leagues.repository';
import {
  getChampion,
  listModels,
  registerModel,
  setModelStatus,
} from '../repositories/models.repository';
import { listOddsForFixtures, upsertOdds } from '../repositories/odds.repository';
import {
  getPrediction,
  insertPrediction,
  listPredictions,
  listUnsettledWithResult,
  settlePrediction,
} from '../repositories/predictions.repository';
import { findSeason, listSeasons, upsertSeason } from '../repositories/seasons.repository';
import { readServingState } from '../repositories/serving-state.repository';
import {
  listSubscriptions,
  markSubscriptionSent,
  removeSubscription,
  upsertSubscription,
} from '../repositories/subscriptions.repository';
import { getSyncCursor, setSyncCursor } from '../repositories/sync-cursors.repository';
import {
  AliasConflictError,
  addTeamAlias,
  getTeam,
  listAliasesInScope,
  listTeamAliases,
  resolveTeamAlias,
  upsertTeam,
} from '../repositories/teams.repository';

/**
 * Asserts a rejection by message. `rejects.toThrow` is not used for driver errors: better-sqlite3
 * creates its errors in the realm of the first test file that loaded it, so in later files of the
 * same Jest worker they fail `instanceof Error` and `toThrow` reports "did not throw".
 */
export async function expectRejection(
  promise: PromiseLike<unknown>,
  pattern: RegExp,
): Promise<void> {
  const outcome = await Promise.resolve(promise).then(
    () => 'resolved',
    (err: unknown) => String((err as { message?: unknown })?.message ?? err),
  );
  expect(outcome).toMatch(pattern);
}

let counter = 0;
/** A code unique within this run, so tests sharing one database do not see each other. */
const uniq = (prefix: string) => `${prefix}${++counter}`;

/** Registers the repository tests against databases made by `makeDb` (fresh, unmigrated). */
export function runRepositorySuite(makeDb: () => Promise<Db> | Db): void {
  describe('repositories', () => {
    let db: Db;

    beforeAll(async () => {
      db = await makeDb();
      await migrateLatest(db);
    });

    afterAll(async () => {
      await db?.destroy();
    });

    async function league(code = uniq('L')) {
      const { id } = await upsertLeague(db, { code, name: `League ${code}` });
      return { id, code };
    }

    async function team(name = uniq('Team ')) {
      return (await upsertTeam(db, { name })).id;
    }

    describe('migrations', () => {
      it('should report nothing to apply on an up-to-date schema', async () => {
        expect(await migrateLatest(db)).toEqual([]);
        const rows = await db.writer('knex_migrations').select('name').orderBy('id');

        expect(rows.map((r: { name: string }) => r.name)).toEqual(MIGRATION_NAMES);
      });

      it('should enforce foreign keys', async () => {
        const write = db.writer('odds').insert({
          fixture_id: 987654,
          bookmaker: 'x',
          market: '1x2',
          line_key: '',
          kind: 'pre',
          collected_at: new Date().toISOString(),
          source: 'test',
        });

        await expectRejection(write, /foreign key/i);
      });
    });

    describe('heartbeats', () => {
      it('should keep one row per instance with its latest beat', async () => {
        const store = createSqlHeartbeatStore(db);
        const t1 = new Date('2026-01-01T10:00:00.123Z');
        const t2 = new Date('2026-01-01T10:00:10.456Z');

        await store.beat('worker', 'a', t1);
        await store.beat('worker', 'b', t1);
        await store.beat('worker', 'a', t2);
        await store.beat('tgbot', 'a', t1);

        expect(await store.lastBeats('worker')).toEqual([
          { instance: 'a', at: t2 },
          { instance: 'b', at: t1 },
        ]);
        expect(await store.lastBeats('nobody')).toEqual([]);
      });
    });

    describe('job runs', () => {
      it('should record start, success and failure, and find the last success', async () => {
        const name = uniq('sync-');
        const a = await startJobRun(db, { name, key: 'E0', at: new Date('2026-01-01T00:00:00Z') });
        const b = await startJobRun(db, { name, at: new Date('2026-01-02T00:00:00Z') });
        const c = await startJobRun(db, { name, at: new Date('2026-01-03T00:00:00Z') });

        expect(await finishJobRun(db, a, { inserted: 3 }, new Date('2026-01-01T00:01:00Z'))).toBe(
          true,
        );
        expect(await finishJobRun(db, b, { inserted: 5 }, new Date('2026-01-02T00:01:00Z'))).toBe(
          true,
        );
        expect(await failJobRun(db, c, new Error('boom'))).toBe(true);
        expect(await finishJobRun(db, c, {})).toBe(false);

        const recent = await listRecentJobRuns(db, { name });
        expect(recent.map((r) => [r.id, r.status])).toEqual([
          [c, 'failed'],
          [b, 'succeeded'],
          [a, 'succeeded'],
        ]);
        expect(recent[0]!.error).toBe('boom');
        expect(recent[2]!.key).toBe('E0');
        const last = await lastSuccessfulJobRun(db, name);
        expect(last?.id).toBe(b);
        expect(last?.result).toEqual({ inserted: 5 });
        expect(last?.startedAt).toEqual(new Date('2026-01-02T00:00:00Z'));
        expect(await lastSuccessfulJobRun(db, uniq('never-'))).toBeNull();
      });
    });

    describe('leagues and seasons', () => {
      it('should upsert a league by code and find it by code or SportMonks id', async () => {
        const code = uniq('E');
        const smId = 10_000 + counter;

        const first = await upsertLeague(db, {
          code,
          name: 'Premier League',
          sportmonksId: smId,
          country: 'England',
        });
        const again = await upsertLeague(db, {
          code,
          name: 'Premier League',
          sportmonksId: smId,
          country: 'England',
        });
        const renamed = await upsertLeague(db, { code, name: 'EPL' });

        expect([first.outcome, again.outcome, renamed.outcome]).toEqual([
          'inserted',
          'unchanged',
          'updated',
        ]);
        expect(again.id).toBe(first.id);
        const expected = {
          id: first.id,
          code,
          sportmonksId: smId,
          name: 'EPL',
          country: 'England',
        };
        expect(await findLeagueByCode(db, code)).toEqual(expected);
        expect(await findLeagueBySportmonksId(db, smId)).toEqual(expected);
        expect(await findLeague(db, String(smId))).toEqual(expected);
        expect(await findLeague(db, code)).toEqual(expected);
        expect(await findLeagueByCode(db, 'nope')).toBeNull();
        expect((await listLeagues(db)).map((l) => l.code)).toContain(code);
      });

      it('should upsert seasons by league and name', async () => {
        const { id: leagueId } = await league();

        const a = await upsertSeason(db, { leagueId, name: '2024/25', startDate: '2024-08-16' });
        const b = await upsertSeason(db, { leagueId, name: '2024/25', startDate: '2024-08-16' });
        const c = await upsertSeason(db, { leagueId, name: '2024/25', endDate: '2025-05-25' });
        await upsertSeason(db, { leagueId, name: '2023/24' });

        expect([a.outcome, b.outcome, c.outcome]).toEqual(['inserted', 'unchanged', 'updated']);
        expect(await findSeason(db, leagueId, '2024/25')).toEqual({
          id: a.id,
          leagueId,
          name: '2024/25',
          sportmonksId: null,
          startDate: '2024-08-16',
          endDate: '2025-05-25',
        });
        expect((await listSeasons(db, leagueId)).map((s) => s.name)).toEqual([
          '2023/24',
          '2024/25',
        ]);
      });
    });

    describe('teams and aliases', () => {
      it('should resolve differently written names to one team', async () => {
        const forest = await team(uniq('Nottingham Forest '));
        await addTeamAlias(db, {
          teamId: forest,
          alias: "Nott'm Forest",
          lang: 'src',
          source: 'football-data',
        });
        await addTeamAlias(db, {
          teamId: forest,
          alias: 'Ноттингем Форест',
          lang: 'ru',
          source: 'manual',
        });

        expect(await resolveTeamAlias(db, 'NOTT’M  FOREST')).toBe(forest);
        expect(await resolveTeamAlias(db, 'ноттингем форест')).toBe(forest);
        expect(await resolveTeamAlias(db, 'Unknown United')).toBeNull();
        expect(
          await addTeamAlias(db, {
            teamId: forest,
            alias: 'nott’m forest',
            lang: 'en',
            source: 'manual',
          }),
        ).toBe('unchanged');
        expect(await listTeamAliases(db, forest)).toHaveLength(2);
      });

      it('should refuse an alias owned by another team, and prefer league-scoped aliases', async () => {
        const { code } = await league();
        const a = await team();
        const b = await team();
        const alias = uniq('Athletic ');
        await addTeamAlias(db, { teamId: a, alias, lang: 'en', source: 'manual' });

        await expect(
          addTeamAlias(db, { teamId: b, alias, lang: 'en', source: 'manual' }),
        ).rejects.toBeInstanceOf(AliasConflictError);
        await addTeamAlias(db, { teamId: b, alias, lang: 'src', source: 'csv', leagueCode: code });

        expect(await resolveTeamAlias(db, alias)).toBe(a);
        expect(await resolveTeamAlias(db, alias, code)).toBe(b);
        expect(await resolveTeamAlias(db, alias, 'OTHER')).toBe(a);
        const scoped = (await listAliasesInScope(db, code)).filter(
          (x) => x.teamId === a || x.teamId === b,
        );
        expect(scoped).toEqual([
          { normalised: expect.any(String), teamId: a, leagueCode: null },
          { normalised: scoped[0]!.normalised, teamId: b, leagueCode: code },
        ]);
        expect((await listAliasesInScope(db, 'OTHER')).some((x) => x.teamId === b)).toBe(false);
      });

      it('should let a SportMonks team adopt the same-named team from CSV history', async () => {
        const name = uniq('Brentford ');
        const csv = await upsertTeam(db, { name });
        const smId = 50_000 + counter;

        const sm = await upsertTeam(db, { name, sportmonksId: smId, country: 'England' });
        const smAgain = await upsertTeam(db, { name, sportmonksId: smId, country: 'England' });

        expect(sm).toEqual({ id: csv.id, outcome: 'updated' });
        expect(smAgain).toEqual({ id: csv.id, outcome: 'unchanged' });
        expect(await getTeam(db, csv.id)).toEqual({
          id: csv.id,
          name,
          sportmonksId: smId,
          country: 'England',
        });
      });
    });

    describe('fixtures', () => {
      it('should report inserted, unchanged and updated, keeping stats it was not given', async () => {
        const { id: leagueId } = await league();
        const [home, away] = [await team(), await team()];
        const base = {
          leagueId,
          kickoffAt: new Date('2024-08-16T19:00:00Z'),
          homeTeamId: home,
          awayTeamId: away,
          status: 'finished' as const,
          homeGoals: 1,
          awayGoals: 0,
          homeCorners: 7,
          source: 'csv',
        };

        const first = await upsertFixture(db, base);
        const same = await upsertFixture(db, base);
        const noCorners = await upsertFixture(db, { ...base, homeCorners: undefined });
        const corrected = await upsertFixture(db, { ...base, awayGoals: 2 });

        expect([first.outcome, same.outcome, noCorners.outcome, corrected.outcome]).toEqual([
          'inserted',
          'unchanged',
          'unchanged',
          'updated',
        ]);
        const stored = await getFixture(db, first.id);
        expect(stored).toMatchObject({
          id: first.id,
          kickoffAt: new Date('2024-08-16T19:00:00Z'),
          kickoffDate: '2024-08-16',
          homeGoals: 1,
          awayGoals: 2,
          homeCorners: 7,
          awayCorners: null,
          sportmonksId: null,
          status: 'finished',
          source: 'csv',
        });
        expect(stored?.updatedAt).toBeInstanceOf(Date);
        expect(await countFixtures(db, { leagueId })).toBe(1);
      });

      it('should merge a SportMonks fixture into the CSV row with the same identity', async () => {
        const { id: leagueId } = await league();
        const [home, away] = [await team(), await team()];
        const kickoffAt = new Date('2024-09-01T15:00:00Z');
        const csv = await upsertFixture(db, {
          leagueId,
          kickoffAt,
          homeTeamId: home,
          awayTeamId: away,
          status: 'finished',
          homeGoals: 2,
          awayGoals: 2,
          source: 'csv',
        });
        const smId = 900_000 + counter;
        const input = {
          leagueId,
          kickoffAt,
          homeTeamId: home,
          awayTeamId: away,
          status: 'finished' as const,
          homeGoals: 2,
          awayGoals: 2,
          sportmonksId: smId,
          source: 'sportmonks',
        };

        const merged = await upsertFixtureBySportmonksId(db, input);
        const again = await upsertFixtureBySportmonksId(db, input);

        expect(merged).toEqual({ id: csv.id, outcome: 'updated' });
        expect(again).toEqual({ id: csv.id, outcome: 'unchanged' });
        expect(await countFixtures(db, { leagueId })).toBe(1);
        expect((await getFixture(db, csv.id))?.sportmonksId).toBe(smId);
      });

      it('should list by date range and finished-before without the cut-off day', async () => {
        const { id: leagueId } = await league();
        const [a, b] = [await team(), await team()];
        const add = (date: string, status: 'finished' | 'scheduled', homeFirst = true) =>
          upsertFixture(db, {
            leagueId,
            kickoffAt: new Date(`${date}T18:00:00Z`),
            homeTeamId: homeFirst ? a : b,
            awayTeamId: homeFirst ? b : a,
            status,
            ...(status === 'finished' ? { homeGoals: 1, awayGoals: 1 } : {}),
            source: 'csv',
          });
        await add('2025-01-10', 'finished');
        await add('2025-01-17', 'finished', false);
        await add('2025-01-24', 'scheduled');

        const inRange = await listFixtures(db, { leagueId, from: '2025-01-10', to: '2025-01-17' });
        const training = await listFinishedFixturesBefore(db, { leagueId, before: '2025-01-17' });

        expect(inRange.map((f) => f.kickoffDate)).toEqual(['2025-01-10', '2025-01-17']);
        expect(training.map((f) => f.kickoffDate)).toEqual(['2025-01-10']);
        expect(await countFixtures(db, { leagueId, status: 'scheduled' })).toBe(1);
      });
    });

    describe('odds', () => {
      it('should upsert per fixture, bookmaker, market, line and kind', async () => {
        const { id: leagueId } = await league();
        const { id: fixtureId } = await upsertFixture(db, {
          leagueId,
          kickoffAt: new Date('2025-02-01T12:30:00Z'),
          homeTeamId: await team(),
          awayTeamId: await team(),
          status: 'scheduled',
          source: 'csv',
        });
        const collectedAt = new Date('2025-01-31T10:00:00Z');
        const x12 = {
          fixtureId,
          bookmaker: 'pinnacle',
          market: '1x2' as const,
          kind: 'close' as const,
          collectedAt,
          source: 'csv',
        };

        const first = await upsertOdds(db, {
          ...x12,
          priceHome: 2.1,
          priceDraw: 3.4,
          priceAway: 3.6,
        });
        const same = await upsertOdds(db, {
          ...x12,
          priceHome: 2.1,
          priceDraw: 3.4,
          priceAway: 3.6,
        });
        const moved = await upsertOdds(db, {
          ...x12,
          priceHome: 2.05,
          priceDraw: 3.4,
          priceAway: 3.75,
        });
        const opening = await upsertOdds(db, {
          ...x12,
          kind: 'pre',
          priceHome: 2.2,
          priceDraw: 3.3,
          priceAway: 3.5,
        });
        const ah0 = await upsertOdds(db, {
          ...x12,
          market: 'ah',
          line: 0,
          priceHome: 1.9,
          priceAway: 2.0,
        });
        const ahQuarter = await upsertOdds(db, {
          ...x12,
          market: 'ah',
          line: -0.25,
          priceHome: 2.1,
          priceAway: 1.8,
        });
        const ou = await upsertOdds(db, {
          ...x12,
          market: 'ou_2.5',
          priceOver: 1.95,
          priceUnder: 1.9,
        });

        expect([first, same, moved, opening, ah0, ahQuarter, ou].map((r) => r.outcome)).toEqual([
          'inserted',
          'unchanged',
          'updated',
          'inserted',
          'inserted',
          'inserted',
          'inserted',
        ]);
        const rows = await listOddsForFixtures(db, [fixtureId]);
        expect(rows).toHaveLength(5);
        const close = rows.find((r) => r.market === '1x2' && r.kind === 'close');
        expect(close).toMatchObject({
          priceHome: 2.05,
          priceDraw: 3.4,
          priceAway: 3.75,
          line: null,
          collectedAt,
        });
        expect(rows.find((r) => r.market === 'ah' && r.line === -0.25)?.priceHome).toBe(2.1);
        expect(rows.find((r) => r.market === 'ou_2.5')).toMatchObject({
          priceOver: 1.95,
          priceUnder: 1.9,
          priceHome: null,
        });
      });
    });

    describe('models', () => {
      const model = (leagueCode: string, version: string) => ({
        leagueCode,
        kind: 'dixon-coles',
        version,
        trainedAt: new Date(`2025-03-0${version.slice(-1)}T03:00:00Z`),
        dataFrom: '2015-08-01',
        dataTo: '2025-02-28',
        metrics: { rps: 0.2, n: 380 },
        artifactPath: `${leagueCode}/${version}.json`,
        sha256: 'a'.repeat(64),
      });

      it('should keep exactly one champion per league', async () => {
        const code = uniq('M');
        const other = uniq('M');
        const v1 = await registerModel(db, { ...model(code, 'v1'), status: 'champion' });
        const v2 = await registerModel(db, model(code, 'v2'));
        const o1 = await registerModel(db, { ...model(other, 'v1'), status: 'champion' });

        expect((await getChampion(db, code))?.version).toBe('v1');
        expect(v2.status).toBe('challenger');

        const promoted = await setModelStatus(
          db,
          v2.id,
          'champion',
          new Date('2025-03-05T00:00:00Z'),
        );

        expect(promoted).toMatchObject({
          status: 'champion',
          promotedAt: new Date('2025-03-05T00:00:00Z'),
        });
        expect((await getChampion(db, code))?.id).toBe(v2.id);
        expect((await getChampion(db, other))?.id).toBe(o1.id);
        const listed = await listModels(db, code);
        expect(listed.map((m) => [m.version, m.status])).toEqual([
          ['v2', 'champion'],
          ['v1', 'retired'],
        ]);
        expect(listed[1]).toMatchObject({
          id: v1.id,
          metrics: { rps: 0.2, n: 380 },
          dataFrom: '2015-08-01',
        });
        await expectRejection(
          db.writer('models').where({ id: v1.id }).update({ status: 'champion' }),
          /unique/i,
        );
        expect(await getChampion(db, uniq('none'))).toBeNull();
      });
    });

    describe('predictions', () => {
      it('should list unsettled predictions with a result and settle each once', async () => {
        const { id: leagueId, code } = await league();
        const [home, away] = [await team(), await team()];
        const played = await upsertFixture(db, {
          leagueId,
          kickoffAt: new Date('2025-04-01T19:00:00Z'),
          homeTeamId: home,
          awayTeamId: away,
          status: 'finished',
          homeGoals: 3,
          awayGoals: 1,
          source: 'csv',
        });
        const upcoming = await upsertFixture(db, {
          leagueId,
          kickoffAt: new Date('2025-04-08T19:00:00Z'),
          homeTeamId: away,
          awayTeamId: home,
          status: 'scheduled',
          source: 'csv',
        });
        const chatId = 5_000_000_000 + counter; // beyond 32 bits, like real Telegram ids
        const base = {
          leagueCode: code,
          homeTeamId: home,
          awayTeamId: away,
          modelVersion: 'v1',
          requestedBy: chatId,
          requestedAt: new Date('2025-03-31T08:00:00Z'),
          inputs: { home: 'A', away: 'B' },
          pHome: 0.5,
          pDraw: 0.3,
          pAway: 0.2,
          markets: { btts: 0.55 },
        };
        const p1 = await insertPrediction(db, { ...base, fixtureId: played.id });
        const p2 = await insertPrediction(db, { ...base, fixtureId: upcoming.id });
        const p3 = await insertPrediction(db, base);

        const due = (await listUnsettledWithResult(db)).filter(
          (d) => d.prediction.leagueCode === code,
        );
        expect(due.map((d) => [d.prediction.id, d.homeGoals, d.awayGoals])).toEqual([[p1, 3, 1]]);
        expect(due[0]!.prediction).toMatchObject({
          requestedBy: chatId,
          inputs: base.inputs,
          markets: base.markets,
          pHome: 0.5,
        });

        const settledAt = new Date('2025-04-01T21:00:00Z');
        const settlement = {
          outcome: 'H' as const,
          homeGoals: 3,
          awayGoals: 1,
          rps: 0.145,
          logLoss: 0.693,
          brier: 0.38,
          settledAt,
        };
        expect(await settlePrediction(db, p1, settlement)).toBe(true);
        expect(
          await settlePrediction(db, p1, {
            ...settlement,
            outcome: 'A',
            rps: 1,
            settledAt: new Date(),
          }),
        ).toBe(false);

        expect(await getPrediction(db, p1)).toMatchObject({
          outcome: 'H',
          rps: 0.145,
          settledAt,
          homeGoals: 3,
        });
        expect((await listUnsettledWithResult(db)).map((d) => d.prediction.id)).not.toContain(p1);
        const mine = await listPredictions(db, { requestedBy: chatId, settled: false });
        expect(mine.map((p) => p.id).sort((x, y) => x - y)).toEqual([p2, p3]);
      });

      it('should link the fixture inside the insert: the given one before kick-off, else the next meeting within the window', async () => {
        const { id: leagueId, code } = await league();
        const [home, away] = [await team(), await team()];
        const fixture = (kickoff: string, h = home, a = away) =>
          upsertFixture(db, {
            leagueId,
            kickoffAt: new Date(kickoff),
            homeTeamId: h,
            awayTeamId: a,
            status: 'scheduled',
            source: 'csv',
          });
        const reverse = await fixture('2025-04-02T19:00:00Z', away, home);
        const next = await fixture('2025-04-05T19:00:00Z');
        await fixture('2025-04-12T19:00:00Z');
        const far = await fixture('2025-05-30T19:00:00Z');
        const at = new Date('2025-04-01T08:00:00Z');
        const until = new Date('2025-04-15T08:00:00Z');
        const base = {
          leagueCode: code,
          homeTeamId: home,
          awayTeamId: away,
          modelVersion: 'v1',
          inputs: null,
          pHome: 0.5,
          pDraw: 0.3,
          pAway: 0.2,
          markets: null,
        };
        const linked = async (link: { id?: number; at: Date; until: Date }) =>
          (await getPrediction(db, await insertPrediction(db, { ...base, linkFixture: link })))!
            .fixtureId;

        expect(await linked({ at, until })).toBe(next.id);
        expect(
          await linked({
            at: new Date('2025-04-20T00:00:00Z'),
            until: new Date('2025-05-30T00:00:00Z'),
          }),
        ).toBe(far.id);
        expect(await linked({ at: new Date('2025-06-01T00:00:00Z'), until })).toBeNull();
        expect(await linked({ id: reverse.id, at, until })).toBe(reverse.id);
        const kickedOff = new Date('2025-04-02T19:00:00Z');
        expect(await linked({ id: reverse.id, at: kickedOff, until })).toBeNull();
      });
    });

    describe('serving state', () => {
      it('should read leagues with their champions and an alias stamp that moves with aliases', async () => {
        const withChampion = await league();
        const without = await league();
        await registerModel(db, {
          leagueCode: withChampion.code,
          kind: 'dixon-coles',
          version: 'v9',
          trainedAt: new Date('2025-03-01T03:00:00Z'),
          metrics: {},
          artifactPath: 'x.json',
          sha256: 'b'.repeat(64),
          status: 'champion',
        });
        await registerModel(db, {
          leagueCode: without.code,
          kind: 'dixon-coles',
          version: 'v1',
          trainedAt: new Date('2025-03-01T03:00:00Z'),
          metrics: {},
          artifactPath: 'y.json',
          sha256: 'c'.repeat(64),
        });

        const before = await readServingState(db);
        const byCode = new Map(before.leagues.map((l) => [l.code, l]));
        expect(byCode.get(withChampion.code)).toMatchObject({
          id: withChampion.id,
          champion: { version: 'v9', sha256: 'b'.repeat(64) },
        });
        expect(byCode.get(without.code)?.champion).toBeNull();
        expect(before.leagues.map((l) => l.code)).toEqual(
          [...before.leagues.map((l) => l.code)].sort(),
        );

        await addTeamAlias(db, {
          teamId: await team(),
          alias: uniq('Alias '),
          lang: 'en',
          source: 't',
        });
        expect((await readServingState(db)).aliasStamp).not.toBe(before.aliasStamp);
      });
    });

    describe('chats and subscriptions', () => {
      it('should create chats with defaults and apply settings and the blocked flag', async () => {
        const chatId = -1_001_234_567_890 - counter++;

        expect(await getChat(db, chatId)).toBeNull();
        const created = await upsertChat(db, chatId);
        const english = await upsertChat(db, chatId, { language: 'en' });
        await markChatBlocked(db, chatId);

        expect(created).toMatchObject({
          chatId,
          language: 'ru',
          timezone: 'Europe/Moscow',
          blocked: false,
        });
        expect(english.language).toBe('en');
        expect(await getChat(db, chatId)).toMatchObject({ language: 'en', blocked: true });
        await markChatBlocked(db, chatId, false);
        expect((await getChat(db, chatId))?.blocked).toBe(false);
      });

      it('should keep one subscription per chat and league', async () => {
        const chatId = 7_000_000_000 + counter++;

        await upsertSubscription(db, { chatId, leagueCode: 'E0', time: '09:00' });
        const retimed = await upsertSubscription(db, { chatId, leagueCode: 'E0', time: '10:30' });
        await upsertSubscription(db, { chatId, leagueCode: null, time: '08:00' });
        await markSubscriptionSent(db, retimed.id, '2025-05-01');

        expect((await getChat(db, chatId))?.language).toBe('ru');
        const subs = await listSubscriptions(db, { chatId });
        expect(subs.map((s) => [s.leagueCode, s.time, s.lastSentOn])).toEqual([
          [null, '08:00', null],
          ['E0', '10:30', '2025-05-01'],
        ]);
        expect(await removeSubscription(db, chatId, null)).toBe(true);
        expect(await removeSubscription(db, chatId, null)).toBe(false);
        expect(await listSubscriptions(db, { chatId })).toHaveLength(1);
        await expect(
          upsertSubscription(db, { chatId, leagueCode: 'E0', time: '25:00' }),
        ).rejects.toThrow(/HH:MM/);
      });
    });

    describe('sync cursors', () => {
      it('should store and overwrite cursors', async () => {
        const key = uniq('fixtures:');

        expect(await getSyncCursor(db, 'sportmonks', key)).toBeNull();
        await setSyncCursor(db, 'sportmonks', key, '2025-01-01', new Date('2025-01-01T00:00:00Z'));
        await setSyncCursor(db, 'sportmonks', key, '2025-02-01', new Date('2025-02-01T00:00:00Z'));

        expect(await getSyncCursor(db, 'sportmonks', key)).toEqual({
          value: '2025-02-01',
          updatedAt: new Date('2025-02-01T00:00:00Z'),
        });
      });
    });
  });
}
