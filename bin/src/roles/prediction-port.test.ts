// The one prediction port as the roles compose it: the api's fixture route and the bot's cards
// ask one PredictionService over the Predictor the composition chose, and so serve a fixture's
// forecast by one rule (stored if sealed, else computed). Real parts: a SQLite file, a champion
// artifact on disk, the api over HTTP, the bot's own prediction service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApp } from '@scoreline/api';
import type { Config } from '@scoreline/config';
import {
  getFixture,
  insertPrediction,
  migrateLatest,
  registerModel,
  upsertFixture,
  upsertLeague,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import { createInProcessBackend, type QueueBackend } from '@scoreline/queue';
import { createBot } from '@scoreline/tgbot';
import { saveArtifact } from '@scoreline/training';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import {
  epl,
  makeArtifact,
  seedLeague,
} from '../../../packages/training/src/test-support/seed-league';
import { chooseRolePredictor } from './predictor';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-prediction-port-'));
const artifact = makeArtifact('E0', '20240520-000000', [epl('2324')]);
const KICKOFF = new Date('2099-08-17T14:00:00Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely
type Json = Record<string, any>;

let handle: TestDatabase;
let db: Db;
let queue: QueueBackend;
let api: { get(path: string): Promise<{ status: number; body: Json }>; close(): Promise<void> };
/** The bot's prediction service, exactly as its commands get it. */
let bot: ReturnType<typeof createBot>['services']['predictions'];
let fixtures: { sealed: number; open: number };

/** A fixture of the E0 league in the far future: kick-off cannot interfere. */
async function addFixture(home: string, away: string): Promise<number> {
  const league = (await upsertLeague(db, { code: 'E0', name: 'League E0' })).id;
  return (
    await upsertFixture(db, {
      leagueId: league,
      kickoffAt: KICKOFF,
      homeTeamId: (await upsertTeam(db, { name: home })).id,
      awayTeamId: (await upsertTeam(db, { name: away })).id,
      status: 'scheduled',
      source: 'test',
    })
  ).id;
}

/** The fixture as the bot's fixture service hands it to its commands. */
const botFixture = (id: number, home: string, away: string) => ({
  id,
  league: 'E0',
  home,
  away,
  kickoffAt: KICKOFF,
});

beforeAll(async () => {
  handle = await createSqliteTestDb();
  db = handle.db;
  await migrateLatest(db);
  await seedLeague(db, 'E0', [epl('2324')]);
  const registryDir = join(tmp, 'artifacts');
  const saved = await saveArtifact(registryDir, artifact);
  await registerModel(db, {
    leagueCode: 'E0',
    kind: 'production',
    version: artifact.version,
    trainedAt: new Date('2024-05-20T00:00:00Z'),
    dataFrom: '2023-08-11',
    dataTo: '2024-05-19',
    metrics: {},
    artifactPath: saved.path,
    sha256: saved.sha256,
    status: 'champion',
  });
  fixtures = {
    sealed: await addFixture('Arsenal', 'Chelsea'),
    open: await addFixture('Liverpool', 'Everton'),
  };

  // An api and a bot in one process on the in-process queue, with no worker: nothing consumes
  // `predict`, so the composition hands both the local Predictor.
  queue = createInProcessBackend({ logger: quiet });
  const config = { paths: { modelRegistryPath: registryDir } } as Config;
  const predictor = chooseRolePredictor({
    config,
    db,
    logger: quiet,
    roles: ['api', 'tgbot'],
    queue,
  });
  const server: Server = createApp({
    metrics: new Registry(),
    metricsEnabled: false,
    readiness: { report: () => Promise.reject(new Error('unused')) },
    db,
    predictor,
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = {
    get: async (path) => {
      const res = await fetch(`${base}${path}`);
      return { status: res.status, body: (await res.json()) as Json };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const services = createBot({
    token: '1234567:TEST-only-fake-token-not-a-secret-0',
    apiRoot: 'http://127.0.0.1:9',
    defaultLocale: 'en',
    logger: quiet,
    db,
    queue,
    predictor,
    predictTimeoutMs: 2_000,
  }).services;
  bot = services.predictions;
}, 120_000);

afterAll(async () => {
  await api?.close();
  await queue?.close();
  await handle?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('one prediction port', () => {
  it("When a fixture's forecast is sealed then the api and the bot serve the same stored numbers", async () => {
    // Sealed by a model that is no longer the champion: the numbers on the record still stand.
    const computed = await api.get(`/v1/fixtures/${fixtures.open}/prediction`);
    const markets = computed.body.markets as Json;
    const oneXTwo = { home: 0.61, draw: 0.22, away: 0.17 };
    const fixture = (await getFixture(db, fixtures.sealed))!;
    await insertPrediction(db, {
      fixtureId: fixtures.sealed,
      leagueCode: 'E0',
      homeTeamId: fixture.homeTeamId,
      awayTeamId: fixture.awayTeamId,
      modelVersion: 'sealed-before-retrain',
      inputs: null,
      pHome: oneXTwo.home,
      pDraw: oneXTwo.draw,
      pAway: oneXTwo.away,
      markets: { ...markets, oneXTwo },
    });

    const fromApi = await api.get(`/v1/fixtures/${fixtures.sealed}/prediction`);
    const fromBot = await bot.forFixture(botFixture(fixtures.sealed, 'Arsenal', 'Chelsea'));

    expect(fromApi.status).toBe(200);
    expect(fromApi.body).toMatchObject({
      source: 'stored',
      model_version: 'sealed-before-retrain',
      probs: oneXTwo,
    });
    expect(fromBot).toMatchObject({
      status: 'ok',
      modelVersion: 'sealed-before-retrain',
      markets: { oneXTwo },
    });
  });

  it("When a fixture's forecast is not sealed then the api and the bot both compute it from the one Predictor, with the same numbers", async () => {
    const fromApi = await api.get(`/v1/fixtures/${fixtures.open}/prediction`);
    const fromBot = await bot.forFixture(botFixture(fixtures.open, 'Liverpool', 'Everton'));

    expect(fromApi.status).toBe(200);
    expect(fromApi.body).toMatchObject({ source: 'computed', model_version: artifact.version });
    const p = fromApi.body.probs as { home: number; draw: number; away: number };
    expect(p.home + p.draw + p.away).toBeCloseTo(1, 9);
    expect(fromBot).toMatchObject({
      status: 'ok',
      modelVersion: artifact.version,
      markets: { oneXTwo: fromApi.body.markets.oneXTwo as typeof p },
    });
  });
});

describe('the Predictor the composition chooses', () => {
  const config = { paths: { modelRegistryPath: join(tmp, 'unused') } } as Config;
  const choose = (kind: 'bullmq' | 'in-process', roles: Array<'api' | 'worker' | 'tgbot'>) =>
    chooseRolePredictor({
      config,
      db: {} as Db,
      logger: quiet,
      roles,
      queue: { kind, request: () => Promise.reject(new Error('unused')) },
    }).kind;

  it('When a worker consumes predict jobs, in this process or over Redis, then the Predictor is queue-backed; when none does, local', () => {
    expect(choose('in-process', ['worker', 'api', 'tgbot'])).toBe('queue');
    expect(choose('bullmq', ['api'])).toBe('queue');
    expect(choose('bullmq', ['tgbot'])).toBe('queue');
    expect(choose('in-process', ['api'])).toBe('local');
    expect(choose('in-process', ['api', 'tgbot'])).toBe('local');
  });
});
