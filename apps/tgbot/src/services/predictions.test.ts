import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  insertPrediction,
  migrateLatest,
  upsertFixture,
  upsertLeague,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import {
  createInProcessBackend,
  QueueUnavailableError,
  RequestTimeoutError,
  type PredictPayload,
  type PredictResult,
  type QueueBackend,
  type WorkersHandle,
} from '@scoreline/queue';
import { createQueuePredictor } from '@scoreline/training';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { MESSAGES } from '../i18n/messages';
import { createPredictionService } from './predictions';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A queue whose request() fails the way a given outage makes it fail. */
function failingQueue(err: Error): QueueBackend {
  return { request: () => Promise.reject(err) } as unknown as QueueBackend;
}

describe('prediction service when the worker cannot answer', () => {
  const payload = { league: 'E0', home: 'Arsenal', away: 'Chelsea' };
  const seen: string[] = [];
  const service = (err: Error) =>
    createPredictionService({
      db: {} as Db,
      predictor: createQueuePredictor(failingQueue(err)),
      timeoutMs: 15_000,
      observe: (status) => seen.push(status),
    });

  it('When the queue is unreachable, then the outcome is busy (nothing was asked), not a worker timeout', async () => {
    const outcome = await service(new QueueUnavailableError('request predict: down')).predict(
      payload,
    );

    expect(outcome).toEqual({ status: 'timeout', timeoutMs: 15_000, busy: true });
    expect(seen.at(-1)).toBe('timeout');
  });

  it('When the worker does not answer in time, then the outcome is a plain timeout', async () => {
    const outcome = await service(new RequestTimeoutError('predict', 'j-1', 15_000)).predict(
      payload,
    );

    expect(outcome).toEqual({ status: 'timeout', timeoutMs: 15_000 });
  });

  it('When the service is busy, then both languages say so without blaming a timeout', () => {
    expect(MESSAGES.en.busy.toString()).toMatch(/busy/i);
    expect(MESSAGES.ru.busy.toString()).toMatch(/занят/);
    expect(MESSAGES.en.busy.toString()).not.toMatch(/within/);
  });
});

describe("prediction service for a fixture's card", () => {
  /** What a card draws (a part of the model's Markets, which the worker stores whole). */
  const CARD = {
    oneXTwo: { home: 0.55, draw: 0.25, away: 0.2 },
    doubleChance: { homeOrDraw: 0.8, homeOrAway: 0.75, drawOrAway: 0.45 },
    totals: [{ line: 2.5, over: 0.5, under: 0.5 }],
    bothTeamsToScore: { yes: 0.5, no: 0.5 },
    expectedGoals: { home: 1.5, away: 1.1 },
    mostLikelyScores: [{ home: 1, away: 1, p: 0.12 }],
  };
  type OkMarkets = Extract<PredictResult, { status: 'ok' }>['markets'];
  let handle: TestDatabase;
  let queue: QueueBackend;
  let workers: WorkersHandle;
  const asked: PredictPayload[] = [];
  let fixture: (kickoffAt: Date) => Promise<number>;
  let seal: (fixtureId: number, markets: unknown) => Promise<void>;
  let service: ReturnType<typeof createPredictionService>;
  const NOW = new Date('2030-06-01T12:00:00Z');

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    const { db } = handle;
    await migrateLatest(db);
    const league = (await upsertLeague(db, { code: 'E0', name: 'League E0' })).id;
    const home = (await upsertTeam(db, { name: 'Arsenal' })).id;
    const away = (await upsertTeam(db, { name: 'Chelsea' })).id;
    fixture = async (kickoffAt) =>
      (
        await upsertFixture(db, {
          leagueId: league,
          kickoffAt,
          homeTeamId: home,
          awayTeamId: away,
          status: 'scheduled',
          source: 'test',
        })
      ).id;
    seal = async (fixtureId, markets) => {
      await insertPrediction(db, {
        fixtureId,
        leagueCode: 'E0',
        homeTeamId: home,
        awayTeamId: away,
        modelVersion: 'v-sealed',
        inputs: null,
        pHome: 0.55,
        pDraw: 0.25,
        pAway: 0.2,
        markets,
      });
    };
    queue = createInProcessBackend({ logger: quiet });
    workers = await queue.startWorkers(
      {
        predict: (p) => {
          asked.push(p);
          return Promise.resolve({
            status: 'ok' as const,
            league: 'E0',
            home: p.home,
            away: p.away,
            modelVersion: 'v-computed',
            probs: [0.4, 0.3, 0.3] as [number, number, number],
            markets: CARD as unknown as OkMarkets,
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
      now: () => NOW,
    });
  });
  afterAll(async () => {
    await workers?.close();
    await queue?.close();
    await handle?.dispose();
  });
  const card = (id: number, kickoffAt: Date) =>
    service.forFixture({ id, league: 'E0', home: 'Arsenal', away: 'Chelsea', kickoffAt });

  it('When the fixture has a sealed forecast, then the card shows it and the worker is not asked', async () => {
    const kickoff = new Date('2030-06-10T15:00:00Z');
    const id = await fixture(kickoff);
    await seal(id, CARD);
    const before = asked.length;

    expect(await card(id, kickoff)).toMatchObject({
      status: 'ok',
      modelVersion: 'v-sealed',
      markets: CARD,
    });
    expect(asked).toHaveLength(before);
  });

  it('When the sealed forecast has no markets a card can draw, then the card is computed for that fixture', async () => {
    const kickoff = new Date('2030-06-11T15:00:00Z');
    const id = await fixture(kickoff);
    await seal(id, { oneXTwo: CARD.oneXTwo });

    expect(await card(id, kickoff)).toMatchObject({ status: 'ok', modelVersion: 'v-computed' });
    expect(asked.at(-1)).toEqual({ league: 'E0', home: 'Arsenal', away: 'Chelsea', fixtureId: id });
  });

  it('When nothing is sealed and the match has kicked off, then the computed card says so', async () => {
    const kickoff = new Date('2030-05-31T15:00:00Z');
    const id = await fixture(kickoff);

    expect(await card(id, kickoff)).toMatchObject({
      status: 'ok',
      modelVersion: 'v-computed',
      afterKickoff: true,
    });
  });
});
