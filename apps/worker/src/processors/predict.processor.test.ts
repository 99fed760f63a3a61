import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  findLeagueByCode,
  findModel,
  getChampion,
  getTeam,
  listFixtures,
  listPredictions,
  sealPendingPredictions,
  upsertFixture,
  migrateLatest,
  registerModel,
  type Db,
} from '@scoreline/db';
import type { QueueBackend } from '@scoreline/queue';
import { createSqliteTestDb } from '@test-support/databases';
import {
  createChampionCache,
  DEFAULT_REVALIDATE_MS,
  type ChampionCache,
} from '@scoreline/training';
import {
  quietLogger,
  startChampionWorker,
  type ChampionWorker,
  type TempConfig,
} from '../test-support/worker-fixtures';
import { createPredictProcessor } from './predict.processor';

describe('predict processor (in-process queue, SQLite)', () => {
  let w: ChampionWorker;
  let db: Db;
  let tmp: TempConfig;
  let queue: QueueBackend;
  let champions: ChampionCache;
  let version: string;
  // The champion cache's clock: a test moves it past the revalidation period.
  let clock = 0;
  // The processor's requests to seal what it stored.
  let sealRequests = 0;
  const ledger = { request: () => void sealRequests++ };

  beforeAll(async () => {
    w = await startChampionWorker(
      'predict',
      (deps) => createPredictProcessor({ ...deps, ledger, logger: quietLogger() }),
      { championClock: () => clock },
    );
    ({ db, tmp, queue, champions, version } = w);
  }, 120_000);
  afterAll(() => w.dispose());

  it('When a user asks for a match, then the champion answers with probabilities and the prediction is stored', async () => {
    const result = await queue.request(
      'predict',
      { league: 'E0', home: 'Arsenal', away: 'Chelsea', requestedBy: '42' },
      { timeoutMs: 10_000 },
    );

    expect(result).toMatchObject({ status: 'ok', league: 'E0', home: 'Arsenal', away: 'Chelsea' });
    if (result.status !== 'ok') return;
    expect(result.modelVersion).toBe(version);
    expect(result.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(result.markets).toHaveProperty('doubleChance');
    // The champion's data window ends at the newest result it was fitted on.
    const champion = await getChampion(db, 'E0');
    expect(result.dataThrough).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.dataThrough).toBe(champion!.dataTo);
    const [stored] = await listPredictions(db, { requestedBy: 42 });
    expect(stored).toMatchObject({
      leagueCode: 'E0',
      modelVersion: version,
      pHome: result.probs[0],
      pAway: result.probs[2],
    });
    expect(stored?.inputs).toMatchObject({ home: 'Arsenal', away: 'Chelsea' });
    expect(result.predictionId).toBe(stored?.id);
  });

  it('When a team name is unknown, then the result names the side, the reason and the input, and suggests close names', async () => {
    const result = await queue.request(
      'predict',
      { league: 'E0', home: 'Arsenal', away: 'Chelsea Reserves' },
      { timeoutMs: 10_000 },
    );

    expect(result).toMatchObject({
      status: 'unknown_team',
      which: 'away',
      reason: 'unknown',
      input: 'Chelsea Reserves',
    });
    expect(result.status === 'unknown_team' && result.suggestions).toContain('Chelsea');
  });

  it('When a name fits several teams, then the result is ambiguous and lists them', async () => {
    const result = await queue.request(
      'predict',
      { league: 'E0', home: 'Man', away: 'Chelsea' },
      { timeoutMs: 10_000 },
    );

    expect(result).toEqual({
      status: 'unknown_team',
      which: 'home',
      reason: 'ambiguous',
      input: 'Man',
      suggestions: ['Manchester City', 'Manchester United'],
    });
  });

  it('When both names are one team, then the result says same_team instead of failing the job', async () => {
    const result = await queue.request(
      'predict',
      { league: 'E0', home: 'Arsenal', away: 'Арсенал' },
      { timeoutMs: 10_000 },
    );

    expect(result).toEqual({ status: 'same_team', team: 'Arsenal' });
  });

  it('When no league is given, then the league is found from Russian, misspelt or transliterated names', async () => {
    const russian = await queue.request(
      'predict',
      { home: 'Арсенал', away: 'Челси', requestedBy: '77' },
      { timeoutMs: 10_000 },
    );
    // "Брэнтфорд" and "Фулам" are in no alias file: transliteration, then a typo match.
    const notInAliases = await queue.request(
      'predict',
      { home: 'Брэнтфорд', away: 'Фулам' },
      { timeoutMs: 10_000 },
    );
    const typo = await queue.request(
      'predict',
      { home: 'arsnal', away: 'chelsea' },
      { timeoutMs: 10_000 },
    );

    expect(russian).toMatchObject({ status: 'ok', league: 'E0', home: 'Arsenal', away: 'Chelsea' });
    expect(notInAliases).toMatchObject({
      status: 'ok',
      league: 'E0',
      home: 'Brentford',
      away: 'Fulham',
    });
    expect(typo).toMatchObject({ status: 'ok', league: 'E0', home: 'Arsenal', away: 'Chelsea' });
    const [stored] = await listPredictions(db, { requestedBy: 77 });
    expect(stored).toMatchObject({ leagueCode: 'E0' });
    expect(russian.status === 'ok' && russian.predictionId).toBe(stored?.id);
  });

  it('When no league is given and a name fits no team, then unknown_team suggests names from the league of the other', async () => {
    const result = await queue.request(
      'predict',
      { home: 'Арсенал', away: 'Zenit St Petersburg' },
      { timeoutMs: 10_000 },
    );

    expect(result).toMatchObject({
      status: 'unknown_team',
      which: 'away',
      reason: 'unknown',
      input: 'Zenit St Petersburg',
    });
    expect(result.status === 'unknown_team' && result.suggestions).toHaveLength(3);
  });

  it('When no league is given and no league has a champion, then the result is no_model without a league', async () => {
    const empty = await createSqliteTestDb();
    try {
      await migrateLatest(empty.db);
      const logger = quietLogger();
      const predict = createPredictProcessor({
        db: empty.db,
        champions: createChampionCache(
          empty.db,
          tmp.config.paths.modelRegistryPath,
          () => undefined,
        ),
        ledger,
        logger,
      });

      await expect(
        predict({ home: 'Arsenal', away: 'Chelsea' }, { jobId: 'p-1', attempt: 1 }),
      ).resolves.toEqual({ status: 'no_model', league: '' });
    } finally {
      await empty.dispose();
    }
  });

  it('When a prediction names a fixture that already kicked off, then it is stored but not linked, so it never enters the track record', async () => {
    const league = (await findLeagueByCode(db, 'E0'))!;
    const [finished] = await listFixtures(db, {
      leagueId: league.id,
      from: '2025-05-25',
      to: '2025-05-25',
    });
    const upcoming = await upsertFixture(db, {
      leagueId: league.id,
      kickoffAt: new Date(Date.now() + 86_400_000),
      homeTeamId: finished!.homeTeamId,
      awayTeamId: finished!.awayTeamId,
      status: 'scheduled',
      source: 'test',
    });
    const names = async (id: number) => {
      const f = (
        await listFixtures(db, { leagueId: league.id, from: '2000-01-01', to: '2100-01-01' })
      ).find((x) => x.id === id)!;
      return {
        home: (await getTeam(db, f.homeTeamId))!.name,
        away: (await getTeam(db, f.awayTeamId))!.name,
      };
    };
    const late = await names(finished!.id);
    await queue.request(
      'predict',
      { league: 'E0', ...late, fixtureId: finished!.id, requestedBy: '7001' },
      { timeoutMs: 10_000 },
    );
    await queue.request(
      'predict',
      { league: 'E0', ...late, fixtureId: upcoming.id, requestedBy: '7002' },
      { timeoutMs: 10_000 },
    );

    const stored = await listPredictions(db, {});
    expect(stored.find((p) => p.requestedBy === 7001)?.fixtureId).toBeNull();
    expect(stored.find((p) => p.requestedBy === 7002)?.fixtureId).toBe(upcoming.id);
  });

  it('When the champion and aliases are cached, then a prediction costs one statement, its insert with the fixture linked, and asks for its ledger seal', async () => {
    await queue.request('predict', { home: 'Arsenal', away: 'Fulham' }, { timeoutMs: 10_000 });
    const requestsBefore = sealRequests;
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    for (const k of new Set([db.writer, db.reader, db.replica])) k.on('query', count);
    try {
      const result = await queue.request(
        'predict',
        { home: 'Man City', away: 'Tottenham', requestedBy: '7003' },
        { timeoutMs: 10_000 },
      );
      expect(result.status).toBe('ok');
    } finally {
      for (const k of new Set([db.writer, db.reader, db.replica])) k.off('query', count);
    }
    // The ledger seals it after the reply, in batches (ledger-sealer.ts).
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^insert into .predictions. .* returning .id.$/i);
    expect(sealRequests).toBe(requestsBefore + 1);
    const { sealed } = await sealPendingPredictions(db);
    expect(sealed).toBeGreaterThanOrEqual(2);
  });

  it('When the league has no model, then the result says no_model', async () => {
    await expect(
      queue.request('predict', { league: 'SP1', home: 'a', away: 'b' }, { timeoutMs: 10_000 }),
    ).resolves.toEqual({ status: 'no_model', league: 'SP1' });
  });

  it('When the champion is unchanged the model is reused; when a new champion is registered it is reloaded', async () => {
    const before = champions.loads;
    await queue.request(
      'predict',
      { league: 'e0', home: 'Liverpool', away: 'Everton' },
      { timeoutMs: 10_000 },
    );
    expect(champions.loads).toBe(before);

    // Same artifact under a new version: the registry changed, so the cache must notice.
    const current = (await getChampion(db, 'E0'))!;
    await registerModel(db, {
      leagueCode: 'E0',
      kind: current.kind,
      version: `${current.version}-b`,
      trainedAt: new Date(),
      metrics: {},
      artifactPath: current.artifactPath,
      sha256: current.sha256,
      status: 'champion',
    });
    // Registered by another process (the CLI): noticed once the cached registry read expires.
    const stale = await queue.request(
      'predict',
      { league: 'E0', home: 'Liverpool', away: 'Everton' },
      { timeoutMs: 10_000 },
    );
    expect(stale.status === 'ok' && stale.modelVersion).toBe(current.version);
    clock += DEFAULT_REVALIDATE_MS;
    const result = await queue.request(
      'predict',
      { league: 'E0', home: 'Liverpool', away: 'Everton' },
      { timeoutMs: 10_000 },
    );

    expect(champions.loads).toBe(before + 1);
    expect(result.status === 'ok' && result.modelVersion).toBe(`${current.version}-b`);
    expect(await findModel(db, 'E0', `${current.version}-b`)).not.toBeNull();
  });
});
