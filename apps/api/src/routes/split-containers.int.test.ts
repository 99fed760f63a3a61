// The three-project topology (DESIGN §3, docs/deploy-amvera.md): api and worker run in separate
// containers, each with its own /data volume, over one database and one queue. The worker's
// reports and artifacts never reach the api's disk, so every /v1 route must work from the shared
// database and the queue alone. Runs on SQLite and on Postgres when it answers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateLatest, upsertFixture, upsertLeague, upsertTeam, type Db } from '@scoreline/db';
import {
  createInProcessBackend,
  type PredictPayload,
  type PredictResult,
  type QueueBackend,
} from '@scoreline/queue';
import { createLeaguePredictor, retrainLeague } from '@scoreline/training';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { epl, seedLeague } from '../../../../packages/training/src/test-support/seed-league';
import { createApp } from '../app';
import type { ApiDeps } from '../deps';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-api-split-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely
type Json = Record<string, any>;

/** One container's data paths under its own DATA_DIR (the defaults of DESIGN §2). */
const container = (dataDir: string) => ({
  modelRegistryPath: join(dataDir, 'artifacts'),
  reportsDir: join(dataDir, 'reports'),
});

async function serve(deps: Partial<ApiDeps>) {
  const server: Server = createApp({
    metrics: new Registry(),
    metricsEnabled: false,
    readiness: { report: () => Promise.reject(new Error('unused')) },
    ...deps,
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: async (path: string) => {
      const res = await fetch(`${base}${path}`);
      const json = res.headers.get('content-type')?.includes('json');
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        version: res.headers.get('x-model-version'),
        body: json ? ((await res.json()) as Json) : undefined,
        bytes: json ? undefined : Buffer.from(await res.arrayBuffer()),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe.each(testEngines)('api and worker in separate containers on %s', (engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  const worker = container(join(tmp, engine, 'worker-data'));
  const apiPaths = container(join(tmp, engine, 'api-data'));
  let version: string;
  let reportPath: string;
  let chartPath: string;
  let fixtureId: number;

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
    await seedLeague(db, 'E0', [epl('2122'), epl('2223')]);
    const e0 = (await upsertLeague(db, { code: 'E0', name: 'League E0' })).id;
    fixtureId = (
      await upsertFixture(db, {
        leagueId: e0,
        kickoffAt: new Date('2023-08-12T14:00:00Z'),
        homeTeamId: (await upsertTeam(db, { name: 'Arsenal' })).id,
        awayTeamId: (await upsertTeam(db, { name: 'Chelsea' })).id,
        status: 'scheduled',
        source: 'test',
      })
    ).id;
    // The worker container's retrain: files under its own DATA_DIR, rows in the shared database.
    const result = await retrainLeague(
      {
        db,
        registryDir: worker.modelRegistryPath,
        reportsDir: worker.reportsDir,
        keep: 3,
      },
      {
        league: 'E0',
        candidates: [{ name: 'production', options: {} }],
        evalDays: 120,
        warmupDays: 0,
      },
    );
    if (result.status === 'skipped') throw new Error(`retrain skipped: ${result.reason}`);
    ({ version, reportPath, chartPath } = result);
  }, 120_000);

  afterAll(async () => {
    await handle.dispose();
  });

  describe('reports', () => {
    let api: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      api = await serve({ db, paths: apiPaths });
    });
    afterAll(() => api.close());

    it("When the worker's retrain wrote a report, then an api with an empty REPORTS_DIR serves it from the database", async () => {
      const md = await api.get('/v1/reports/E0/latest');
      const png = await api.get('/v1/reports/e0/latest?format=png');

      expect(existsSync(apiPaths.reportsDir)).toBe(false);
      expect(md.status).toBe(200);
      expect(md.type).toMatch(/^text\/markdown/);
      expect(md.version).toBe(version);
      expect(md.bytes!.toString('utf8')).toBe(readFileSync(reportPath, 'utf8'));
      expect(png.status).toBe(200);
      expect(png.type).toBe('image/png');
      expect(png.bytes!.equals(readFileSync(chartPath))).toBe(true);
    });
  });

  describe('fixture predictions through the queue', () => {
    let queue: QueueBackend;
    let api: Awaited<ReturnType<typeof serve>>;
    // A short wait only where nobody answers: a worker loading a model must not race a timer.
    let impatient: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      queue = createInProcessBackend({ logger: quiet });
      api = await serve({ db, paths: apiPaths, queue, predictTimeoutMs: 20_000 });
      impatient = await serve({ db, paths: apiPaths, queue, predictTimeoutMs: 300 });
    });
    afterAll(async () => {
      await api.close();
      await impatient.close();
      await queue.close();
    });

    /** A worker consuming predict jobs while `fn` runs; answers with `answer`. */
    async function withWorker(
      answer: (p: PredictPayload) => Promise<PredictResult>,
      fn: () => Promise<void>,
    ) {
      const workers = await queue.startWorkers({ predict: answer }, { only: ['predict'] });
      try {
        await fn();
      } finally {
        await workers.close();
      }
    }

    it('When no prediction is stored, then the api asks the worker, which forecasts from its own artifacts', async () => {
      const seen: PredictPayload[] = [];
      await withWorker(
        async (p) => {
          seen.push(p);
          const f = await createLeaguePredictor(db, worker.modelRegistryPath, p.league!).then(
            (predictor) => predictor.predict(p.home, p.away),
          );
          const answer = {
            status: 'ok' as const,
            league: f.league,
            home: f.home,
            away: f.away,
            modelVersion: f.modelVersion,
            probs: f.probs,
            markets: f.markets,
            predictionId: null,
          };
          return answer;
        },
        async () => {
          const { status, body } = await api.get(`/v1/fixtures/${fixtureId}/prediction`);

          expect(status).toBe(200);
          expect(body).toMatchObject({
            fixture_id: fixtureId,
            league: 'E0',
            home: 'Arsenal',
            away: 'Chelsea',
            source: 'computed',
            model_version: version,
          });
          const p = body!.probs;
          expect(p.home + p.draw + p.away).toBeCloseTo(1, 9);
          expect(Object.keys(body!.markets)).toContain('oneXTwo');
        },
      );

      expect(seen).toEqual([
        { league: 'E0', home: 'Arsenal', away: 'Chelsea', fixtureId, requestedBy: 'api' },
      ]);
      // The api never needed a model file of its own.
      expect(existsSync(apiPaths.modelRegistryPath)).toBe(false);
    });

    it('When no worker answers in time, then 504 timeout', async () => {
      const { status, body } = await impatient.get(`/v1/fixtures/${fixtureId}/prediction`);

      expect(status).toBe(504);
      expect(body!.error.code).toBe('timeout');
    });

    it('When the worker does not know a team or has no model, then 404 with suggestions or 503', async () => {
      const unknownTeam = {
        status: 'unknown_team' as const,
        which: 'away' as const,
        reason: 'unknown' as const,
        input: 'Chelsea',
        suggestions: ['Chelsea FC'],
      };
      const answers: PredictResult[] = [unknownTeam, { status: 'no_model', league: 'E0' }];
      await withWorker(
        () => Promise.resolve(answers.shift()!),
        async () => {
          const unknown = await api.get(`/v1/fixtures/${fixtureId}/prediction`);
          const noModel = await api.get(`/v1/fixtures/${fixtureId}/prediction`);

          expect(unknown.status).toBe(404);
          expect(unknown.body!.error).toMatchObject({
            code: 'unknown_team',
            suggestions: ['Chelsea FC'],
          });
          expect(unknown.body!.error.message).toContain('"Chelsea"');
          expect(noModel.status).toBe(503);
          expect(noModel.body!.error.code).toBe('no_model');
        },
      );
    });
  });

  describe('without a queue', () => {
    it('When the api has neither a queue nor the artifacts, then a fixture prediction is 503 no_model, not a crash', async () => {
      const api = await serve({ db, paths: apiPaths });
      try {
        const { status, body } = await api.get(`/v1/fixtures/${fixtureId}/prediction`);

        expect(status).toBe(503);
        expect(body!.error.code).toBe('no_model');
        expect(readdirSync(worker.modelRegistryPath)).toEqual(['E0']);
      } finally {
        await api.close();
      }
    });
  });
});
