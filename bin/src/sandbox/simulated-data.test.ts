// The simulated league as stored: its fixtures, the simulated book's prices and a settled track
// record, so /value, /compare, /stats and /export have something to show.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createDb,
  getFixture,
  listOddsForFixtures,
  listPredictions,
  migrateLatest,
  type Db,
} from '@scoreline/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SIMULATED_TRACK_RECORD_MATCHES,
  SIMULATED_TRACK_RECORD_MODEL,
  storeSimulatedLeague,
} from './data';
import { SIMULATED_BOOKMAKER, simulateLeague } from './simulated-league';

const NOW = new Date('2026-11-28T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'sandbox-sim-data-'));
let db: Db;
let lines: string[];
const league = simulateLeague({ seed: 7, now: NOW });

beforeAll(async () => {
  db = createDb({ client: 'sqlite', path: join(dir, 'bot.sqlite3') });
  await migrateLatest(db);
  lines = await storeSimulatedLeague(db, league);
}, 60_000);
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('storing the simulated league', () => {
  it('When stored, then every fixture has the simulated book’s 1X2 and over/under 2.5 prices, labelled as simulated', async () => {
    const fixtureIds = (await db.reader('fixtures').select('id')).map((r: { id: number }) => r.id);

    const odds = await listOddsForFixtures(db, fixtureIds);

    expect(fixtureIds).toHaveLength(league.matches.length + league.upcoming.length);
    expect(odds).toHaveLength(2 * fixtureIds.length);
    expect(new Set(odds.map((o) => `${o.bookmaker}|${o.kind}|${o.source}`))).toEqual(
      new Set([`${SIMULATED_BOOKMAKER}|pre|sandbox-simulation`]),
    );
    expect(new Set(odds.map((o) => o.market))).toEqual(new Set(['1x2', 'ou_2.5']));
    expect(lines.join('\n')).toContain(`simulated bookmaker "${SIMULATED_BOOKMAKER}"`);
  });

  it('When stored, then the last matches have settled predictions made the day before kick-off, each from earlier results only', async () => {
    const predictions = await listPredictions(db, { leagueCode: 'SIM', limit: 1000 });

    expect(predictions).toHaveLength(SIMULATED_TRACK_RECORD_MATCHES);
    for (const p of predictions) {
      const fixture = (await getFixture(db, p.fixtureId!))!;
      expect(p.modelVersion).toBe(SIMULATED_TRACK_RECORD_MODEL);
      expect(p.settledAt).not.toBeNull();
      expect([p.homeGoals, p.awayGoals]).toEqual([fixture.homeGoals, fixture.awayGoals]);
      expect(p.requestedAt.getTime()).toBeLessThan(fixture.kickoffAt.getTime());
      const fitAsOf = (p.inputs as { backtest: { fitAsOf: string } }).backtest.fitAsOf;
      expect(fitAsOf <= fixture.kickoffAt.toISOString().slice(0, 10)).toBe(true);
      expect(p.pHome + p.pDraw + p.pAway).toBeCloseTo(1, 6);
    }
    const lastKickoffs = league.matches
      .slice(-SIMULATED_TRACK_RECORD_MATCHES)
      .map((m) => m.kickoffAt.getTime());
    const predicted = await Promise.all(
      predictions.map(async (p) => (await getFixture(db, p.fixtureId!))!.kickoffAt.getTime()),
    );
    expect(predicted.sort()).toEqual(lastKickoffs.sort());
  });
});
