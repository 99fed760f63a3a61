// The /v1 REST surface over a real database (SQLite, and Postgres when it answers), a real model
// artifact fitted from shared data, and the in-process queue.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  getFixture,
  upsertOdds,
  insertPrediction,
  listFixtures,
  migrateLatest,
  registerModel,
  settlePrediction,
  upsertFixture,
  upsertLeague,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import { createInProcessBackend, type PredictResult, type QueueBackend } from '@scoreline/queue';
import { saveArtifact } from '@scoreline/training';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
} from '../../../../packages/training/src/test-support/seed-league';
import { createApp } from '../app';
import type { ApiDeps } from '../deps';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-api-v1-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Fitted once for both engines.
const artifact = makeArtifact('E0', '20240520-000000', [epl('2324')]);
const VERSION = artifact.version;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely
type Json = Record<string, any>;

async function serve(deps: Partial<ApiDeps>) {
  const server: Server = createApp({
    metrics: new Registry(),
    metricsEnabled: false,
    readiness: { report: () => Promise.reject(new Error('unused')) },
    ...deps,
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return {
      status: res.status,
      res,
      body: res.headers.get('content-type')?.includes('json')
        ? ((await res.json()) as Json)
        : undefined,
    };
  };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  return {
    base,
    get,
    post,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe.each(testEngines)('/v1 on %s', (engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  let api: Awaited<ReturnType<typeof serve>>;
  let paths: { modelRegistryPath: string; reportsDir: string };
  let upcomingId: number;

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
    await seedLeague(db, 'E0', [epl('2324')]);
    paths = {
      modelRegistryPath: join(tmp, engine, 'artifacts'),
      reportsDir: join(tmp, engine, 'reports'),
    };
    const saved = await saveArtifact(paths.modelRegistryPath, artifact);
    await registerModel(db, {
      leagueCode: 'E0',
      kind: 'production',
      version: VERSION,
      trainedAt: new Date('2024-05-20T00:00:00Z'),
      dataFrom: '2023-08-11',
      dataTo: '2024-05-19',
      metrics: { rps: 0.2 },
      artifactPath: saved.path,
      sha256: saved.sha256,
      status: 'champion',
    });
    mkdirSync(join(paths.reportsDir, 'E0'), { recursive: true });
    writeFileSync(join(paths.reportsDir, 'E0', `${VERSION}.md`), '# E0 report\n');
    writeFileSync(join(paths.reportsDir, 'E0', `${VERSION}.png`), PNG);
    // An upcoming match with no stored prediction, and a league with no model.
    const [arsenal, chelsea] = [
      (await upsertTeam(db, { name: 'Arsenal' })).id,
      (await upsertTeam(db, { name: 'Chelsea' })).id,
    ];
    const e0 = (await upsertLeague(db, { code: 'E0', name: 'League E0' })).id;
    upcomingId = (
      await upsertFixture(db, {
        leagueId: e0,
        kickoffAt: new Date('2024-08-17T14:00:00Z'),
        homeTeamId: arsenal,
        awayTeamId: chelsea,
        status: 'scheduled',
        source: 'test',
      })
    ).id;
    const sp1 = (await upsertLeague(db, { code: 'SP1', name: 'La Liga' })).id;
    await upsertFixture(db, {
      leagueId: sp1,
      kickoffAt: new Date('2024-08-18T18:00:00Z'),
      homeTeamId: arsenal,
      awayTeamId: chelsea,
      status: 'scheduled',
      source: 'test',
    });
    api = await serve({ db, paths, now: () => new Date('2024-08-15T09:00:00Z') });
  }, 120_000);

  afterAll(async () => {
    await api.close();
    await handle.dispose();
  });

  it('GET /v1/fixtures lists a league window with team names', async () => {
    const { status, body } = await api.get('/v1/fixtures?league=e0&from=2024-05-19&to=2024-05-19');

    expect(status).toBe(200);
    expect(body).toMatchObject({ league: 'E0', from: '2024-05-19', to: '2024-05-19' });
    expect(body!.fixtures).toHaveLength(10);
    expect(body!.fixtures).toContainEqual(
      expect.objectContaining({
        home: 'Sheffield United',
        away: 'Tottenham',
        home_goals: 0,
        away_goals: 3,
        status: 'finished',
      }),
    );
  });

  it('GET /v1/fixtures without dates covers today to seven days ahead', async () => {
    const { status, body } = await api.get('/v1/fixtures?league=E0');

    expect(status).toBe(200);
    expect(body).toMatchObject({ from: '2024-08-15', to: '2024-08-22' });
    expect((body!.fixtures as Json[]).map((f) => f.id as number)).toEqual([upcomingId]);
  });

  it.each([
    ['/v1/fixtures', 400],
    ['/v1/fixtures?league=E0&from=2024-02-30', 400],
    ['/v1/fixtures?league=E0&from=20240501', 400],
    ['/v1/fixtures?league=E0&from=2024-05-10&to=2024-05-01', 400],
    ['/v1/fixtures?league=E0&from=2020-01-01&to=2024-01-01', 400],
    ['/v1/fixtures?league=XX9', 404],
  ])('GET %s answers %i with the error shape', async (path, code) => {
    const { status, body } = await api.get(path);

    expect(status).toBe(code);
    expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('GET /v1/fixtures/:id/prediction computes from the champion, then serves the stored one', async () => {
    const computed = await api.get(`/v1/fixtures/${upcomingId}/prediction`);

    expect(computed.status).toBe(200);
    expect(computed.body).toMatchObject({
      fixture_id: upcomingId,
      league: 'E0',
      home: 'Arsenal',
      away: 'Chelsea',
      source: 'computed',
      model_version: VERSION,
    });
    const p = computed.body!.probs;
    expect(p.home + p.draw + p.away).toBeCloseTo(1, 9);

    const fixture = (await getFixture(db, upcomingId))!;
    await insertPrediction(db, {
      fixtureId: upcomingId,
      leagueCode: 'E0',
      homeTeamId: fixture.homeTeamId,
      awayTeamId: fixture.awayTeamId,
      modelVersion: 'stored-v',
      inputs: null,
      pHome: 0.5,
      pDraw: 0.3,
      pAway: 0.2,
      markets: { oneXTwo: { home: 0.5, draw: 0.3, away: 0.2 } },
    });
    const stored = await api.get(`/v1/fixtures/${upcomingId}/prediction`);

    expect(stored.body).toMatchObject({
      source: 'stored',
      model_version: 'stored-v',
      probs: { home: 0.5, draw: 0.3, away: 0.2 },
    });
  });

  it('GET /v1/fixtures/:id/prediction is 404 for no fixture, 400 for a bad id, 503 without a model', async () => {
    const sp1 = (await api.get('/v1/fixtures?league=SP1&from=2024-08-18&to=2024-08-18')).body!;

    expect((await api.get('/v1/fixtures/99999999/prediction')).status).toBe(404);
    expect((await api.get('/v1/fixtures/abc/prediction')).status).toBe(400);
    const noModel = await api.get(`/v1/fixtures/${sp1.fixtures[0].id}/prediction`);
    expect(noModel.status).toBe(503);
    expect(noModel.body!.error.code).toBe('no_model');
  });

  it('POST /v1/predict answers synchronously from the champion, 404 with suggestions for an unknown team', async () => {
    const ok = await api.post('/v1/predict', { league: 'E0', home: 'Man City', away: 'Arsenal' });
    const unknown = await api.post('/v1/predict', {
      league: 'E0',
      home: 'Arsenal Tula',
      away: 'Chelsea',
    });

    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      league: 'E0',
      home: 'Man City',
      away: 'Arsenal',
      model_version: VERSION,
    });
    expect(Object.keys(ok.body.markets)).toEqual(
      expect.arrayContaining(['oneXTwo', 'totals', 'bothTeamsToScore', 'mostLikelyScores']),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_team' });
    expect(unknown.body.error.suggestions).toContain('Arsenal');
  });

  it('When no worker is wired and the league is missing, then POST /v1/predict is a 400 naming it', async () => {
    const { status, body } = await api.post('/v1/predict', { home: 'Man City', away: 'Arsenal' });

    expect(status).toBe(400);
    expect(body.error.message).toContain('league: required');
  });

  it('GET /v1/models lists the registry', async () => {
    const { status, body } = await api.get('/v1/models?league=E0');

    expect(status).toBe(200);
    expect(body!.models).toEqual([
      expect.objectContaining({
        league: 'E0',
        version: VERSION,
        status: 'champion',
        metrics: { rps: 0.2 },
      }),
    ]);
  });

  it('GET /v1/reports/:league/latest serves the champion report as Markdown or PNG', async () => {
    const md = await fetch(`${api.base}/v1/reports/E0/latest`);
    const png = await api.get('/v1/reports/E0/latest?format=png');
    const none = await api.get('/v1/reports/SP1/latest');
    const bad = await api.get('/v1/reports/E0/latest?format=pdf');

    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await md.text()).toBe('# E0 report\n');
    expect(png.status).toBe(200);
    expect(png.res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.res.arrayBuffer())).toEqual(PNG);
    expect(none.status).toBe(404);
    expect(bad.status).toBe(400);
  });

  it('GET /v1/stats reports the settled track record', async () => {
    const empty = await api.get('/v1/stats');
    const [fixture] = await listFixtures(db, {
      leagueId: (await getFixture(db, upcomingId))!.leagueId,
      from: '2024-05-19',
      to: '2024-05-19',
    });
    const base = {
      fixtureId: fixture!.id,
      leagueCode: 'E0',
      homeTeamId: fixture!.homeTeamId,
      awayTeamId: fixture!.awayTeamId,
      modelVersion: VERSION,
      inputs: null,
      pHome: 0.5,
      pDraw: 0.25,
      pAway: 0.25,
      markets: null,
    };
    // Pinnacle closing prices 2.0 / 4.0 / 4.0: the de-vigged market is 50% / 25% / 25%.
    await upsertOdds(db, {
      fixtureId: fixture!.id,
      bookmaker: 'PS',
      market: '1x2',
      kind: 'close',
      priceHome: 2,
      priceDraw: 4,
      priceAway: 4,
      collectedAt: new Date('2024-05-19T12:00:00Z'),
      source: 'test',
    });
    const a = await insertPrediction(db, base);
    const b = await insertPrediction(db, base);
    await insertPrediction(db, base); // unsettled: not counted
    await settlePrediction(db, a, {
      outcome: 'H',
      homeGoals: 1,
      awayGoals: 0,
      rps: 0.1,
      logLoss: 0.6,
      brier: 0.3,
    });
    await settlePrediction(db, b, {
      outcome: 'A',
      homeGoals: 0,
      awayGoals: 1,
      rps: 0.3,
      logLoss: 1.4,
      brier: 0.9,
    });

    const { status, body } = await api.get('/v1/stats');

    expect(empty.body).toMatchObject({ settled: 0, mean_rps: null });
    expect(status).toBe(200);
    expect(body!.settled).toBe(2);
    expect(body!.mean_rps).toBeCloseTo(0.2, 12);
    expect(body!.mean_log_loss).toBeCloseTo(1.0, 12);
    expect(body!.mean_brier).toBeCloseTo(0.6, 12);
    // The favourite (home, 50%) won one of the two.
    expect(body!.hit_rate).toBe(0.5);
    // The market, priced exactly like the forecasts, is scored on the same two matches: home
    // win RPS ((1 − 0.5)² + (1 − 0.75)²)/2 = 0.15625, away win (0.5² + 0.75²)/2 = 0.40625,
    // mean 0.28125.
    expect(body!.markets).toEqual([
      expect.objectContaining({
        market: 'closing',
        matches: 2,
        bookmakers: expect.objectContaining({ rps: expect.closeTo(0.28125, 9) }),
      }),
    ]);
  });

  describe('POST /v1/predict through the queue', () => {
    let queue: QueueBackend;
    let viaQueue: Awaited<ReturnType<typeof serve>>;

    beforeAll(async () => {
      queue = createInProcessBackend({ logger: quiet });
      viaQueue = await serve({ db, paths, queue, predictTimeoutMs: 300 });
    });
    afterAll(async () => {
      await viaQueue.close();
      await queue.close();
    });

    it('When no worker consumes predict jobs, then 504 timeout', async () => {
      const { status, body } = await viaQueue.post('/v1/predict', {
        league: 'E0',
        home: 'Arsenal',
        away: 'Chelsea',
      });

      expect(status).toBe(504);
      expect(body.error.code).toBe('timeout');
    });

    it('When the worker answers, then its result is the response with the model’s names; unknown_team is 404; the league may be left to the worker', async () => {
      const asked: Array<string | undefined> = [];
      const workers = await queue.startWorkers(
        {
          predict: (p) => (
            asked.push(p.league),
            Promise.resolve(
              p.home === 'Nobody'
                ? {
                    status: 'unknown_team' as const,
                    which: 'home' as const,
                    reason: 'unknown' as const,
                    input: p.home,
                    suggestions: ['Norwich'],
                  }
                : {
                    status: 'ok' as const,
                    league: 'E0',
                    home: 'Arsenal',
                    away: 'Chelsea',
                    modelVersion: 'q-1',
                    probs: [0.4, 0.3, 0.3],
                    // Whatever the worker answers is passed through as it came.
                    markets: { x: 1 } as unknown as Extract<
                      PredictResult,
                      { status: 'ok' }
                    >['markets'],
                    predictionId: null,
                  },
            )
          ),
        },
        { only: ['predict'] },
      );
      try {
        const ok = await viaQueue.post('/v1/predict', {
          league: 'e0',
          home: 'arsenal',
          away: 'Челси',
        });
        const leagueless = await viaQueue.post('/v1/predict', { home: 'Arsenal', away: 'Chelsea' });
        const unknown = await viaQueue.post('/v1/predict', {
          league: 'E0',
          home: 'Nobody',
          away: 'Chelsea',
        });

        expect(ok.status).toBe(200);
        expect(ok.body).toEqual({
          league: 'E0',
          home: 'Arsenal',
          away: 'Chelsea',
          model_version: 'q-1',
          probs: { home: 0.4, draw: 0.3, away: 0.3 },
          markets: { x: 1 },
        });
        expect(leagueless.status).toBe(200);
        expect(leagueless.body.league).toBe('E0');
        expect(asked).toEqual(['E0', undefined, 'E0']);
        expect(unknown.status).toBe(404);
        expect(unknown.body.error).toMatchObject({
          code: 'unknown_team',
          suggestions: ['Norwich'],
        });
      } finally {
        await workers.close();
      }
    });
  });
});
