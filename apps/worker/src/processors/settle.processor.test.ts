import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  findLeagueByCode,
  getPrediction,
  insertPrediction,
  listFixtures,
  type Db,
  type Fixture,
} from '@scoreline/db';
import { brier, logLoss, rps } from '@scoreline/model';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { seedEpl } from '../test-support/worker-fixtures';
import { createSettleProcessor } from './settle.processor';

const ctx = { jobId: 'test', attempt: 1 };

describe('settle processor', () => {
  let handle: TestDatabase;
  let db: Db;
  let played: Fixture[];

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    await seedEpl(db);
    const league = (await findLeagueByCode(db, 'E0'))!;
    played = await listFixtures(db, { leagueId: league.id, from: '2024-08-16', to: '2024-08-18' });
  }, 60_000);
  afterAll(() => handle.dispose());

  it('When matches have results, then each prediction is scored once, and a second run settles nothing', async () => {
    const ids: number[] = [];
    for (const f of played.slice(0, 3)) {
      ids.push(
        await insertPrediction(db, {
          fixtureId: f.id,
          leagueCode: 'E0',
          homeTeamId: f.homeTeamId,
          awayTeamId: f.awayTeamId,
          modelVersion: 'v1',
          inputs: {},
          pHome: 0.5,
          pDraw: 0.3,
          pAway: 0.2,
          markets: {},
        }),
      );
    }
    const settle = createSettleProcessor({ db, batchSize: 2 });

    expect(await settle({}, ctx)).toEqual({ status: 'ok', settled: 3, picks: 0, alerts: 0 });
    expect(await settle({}, ctx)).toEqual({ status: 'ok', settled: 0, picks: 0, alerts: 0 });

    const f = played[0]!;
    const p = (await getPrediction(db, ids[0]!))!;
    const index = f.homeGoals! > f.awayGoals! ? 0 : f.homeGoals === f.awayGoals ? 1 : 2;
    expect(p).toMatchObject({
      outcome: ['H', 'D', 'A'][index],
      homeGoals: f.homeGoals,
      awayGoals: f.awayGoals,
    });
    expect(p.rps).toBeCloseTo(rps([0.5, 0.3, 0.2], index), 10);
    expect(p.logLoss).toBeCloseTo(logLoss([0.5, 0.3, 0.2], index), 10);
    expect(p.brier).toBeCloseTo(brier([0.5, 0.3, 0.2], index), 10);
  });
});
