// The one rule for a fixture's forecast, over a real SQLite file and the in-process queue with a
// worker that answers and records what it was asked.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  insertPrediction,
  migrateLatest,
  registerModel,
  upsertFixture,
  upsertLeague,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import type { Markets } from '@scoreline/model';
import {
  createInProcessBackend,
  type PredictPayload,
  type PredictResult,
  type QueueBackend,
  type WorkersHandle,
} from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { createPredictionService, type PredictionService } from './prediction-service';
import { createLocalPredictor, createQueuePredictor, LeagueRequiredError } from './predictor';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const MARKETS = { oneXTwo: { home: 0.5, draw: 0.3, away: 0.2 } } as Markets;

let handle: TestDatabase;
let db: Db;
let queue: QueueBackend;
let workers: WorkersHandle;
let service: PredictionService;
const asked: PredictPayload[] = [];
let ids: { sealed: number; open: number; teams: [number, number] };

beforeAll(async () => {
  handle = await createSqliteTestDb();
  db = handle.db;
  await migrateLatest(db);
  const league = (await upsertLeague(db, { code: 'E0', name: 'League E0' })).id;
  const teams: [number, number] = [
    (await upsertTeam(db, { name: 'Arsenal' })).id,
    (await upsertTeam(db, { name: 'Chelsea' })).id,
  ];
  const fixture = async (day: string) =>
    (
      await upsertFixture(db, {
        leagueId: league,
        kickoffAt: new Date(`${day}T15:00:00Z`),
        homeTeamId: teams[0],
        awayTeamId: teams[1],
        status: 'scheduled',
        source: 'test',
      })
    ).id;
  ids = { sealed: await fixture('2099-01-01'), open: await fixture('2099-02-01'), teams };
  await registerModel(db, {
    leagueCode: 'E0',
    kind: 'production',
    version: 'v-old',
    trainedAt: new Date('2024-01-01T00:00:00Z'),
    dataFrom: '2022-08-01',
    dataTo: '2023-12-30',
    metrics: {},
    artifactPath: 'E0/v-old.json',
    sha256: '0'.repeat(64),
    status: 'retired',
  });
  queue = createInProcessBackend({ logger: quiet });
  workers = await queue.startWorkers(
    {
      predict: (p): Promise<PredictResult> => {
        asked.push(p);
        return Promise.resolve({
          status: 'ok',
          league: 'E0',
          home: p.home,
          away: p.away,
          modelVersion: 'v-champion',
          probs: [0.4, 0.35, 0.25],
          markets: MARKETS,
          predictionId: null,
        });
      },
    },
    { only: ['predict'] },
  );
  service = createPredictionService({
    db,
    predictor: createQueuePredictor(queue),
    timeoutMs: 5_000,
  });
});

afterAll(async () => {
  await workers?.close();
  await queue?.close();
  await handle?.dispose();
});

describe('a fixture forecast: stored if sealed, else computed', () => {
  it('When a forecast is stored for the fixture, then it is served as stored, by whichever model made it, and nothing is asked', async () => {
    await insertPrediction(db, {
      fixtureId: ids.sealed,
      leagueCode: 'E0',
      homeTeamId: ids.teams[0],
      awayTeamId: ids.teams[1],
      modelVersion: 'v-old',
      requestedAt: new Date('2024-01-02T10:00:00Z'),
      inputs: null,
      pHome: 0.6,
      pDraw: 0.25,
      pAway: 0.15,
      markets: MARKETS,
    });
    const before = asked.length;

    const forecast = await service.forFixture({
      id: ids.sealed,
      league: 'E0',
      home: 'Arsenal',
      away: 'Chelsea',
    });

    expect(forecast).toEqual({
      source: 'stored',
      league: 'E0',
      modelVersion: 'v-old',
      probs: [0.6, 0.25, 0.15],
      markets: MARKETS,
      predictedAt: new Date('2024-01-02T10:00:00Z'),
      dataThrough: '2023-12-30',
    });
    expect(asked).toHaveLength(before);
  });

  it('When nothing is stored for the fixture, then the Predictor is asked with the fixture and its answer is served as computed', async () => {
    const forecast = await service.forFixture(
      { id: ids.open, league: 'E0', home: 'Arsenal', away: 'Chelsea' },
      { requestedBy: 'api' },
    );

    expect(forecast).toMatchObject({
      source: 'computed',
      result: { status: 'ok', modelVersion: 'v-champion', probs: [0.4, 0.35, 0.25] },
    });
    expect(asked.at(-1)).toEqual({
      league: 'E0',
      home: 'Arsenal',
      away: 'Chelsea',
      fixtureId: ids.open,
      requestedBy: 'api',
    });
  });
});

describe('the local Predictor', () => {
  it('When it is asked without a league, then it refuses with LeagueRequiredError (choosing one is the worker’s job)', async () => {
    const local = createLocalPredictor({ db, registryDir: '/nonexistent' });

    await expect(
      local.predict({ home: 'Arsenal', away: 'Chelsea' }, { timeoutMs: 1 }),
    ).rejects.toBeInstanceOf(LeagueRequiredError);
  });

  it('When the league has no champion, then the answer is no_model for its code', async () => {
    const local = createLocalPredictor({ db, registryDir: '/nonexistent' });

    await expect(
      local.predict({ league: 'e0', home: 'Arsenal', away: 'Chelsea' }, { timeoutMs: 1 }),
    ).resolves.toEqual({ status: 'no_model', league: 'E0' });
  });
});
