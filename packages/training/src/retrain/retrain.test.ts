import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  findReport,
  getChampion,
  listModels,
  listRecentJobRuns,
  migrateLatest,
  type Db,
} from '@scoreline/db';
import { ELO_DEFAULTS } from '@scoreline/model';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLeaguePredictor } from '../predict/predict-match';
import { sha256Hex } from '../registry/artifact-document';
import { loadChampion } from '../registry/load-champion';
import { decodePng } from '../test-support/decode-png';
import { epl, eplOdds, seedLeague } from '../test-support/seed-league';
import type { Candidate } from './candidates';
import { isLeaguePredictable } from './predictability';
import { retrainLeague, type RetrainOptions, type RetrainResult } from './retrain';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-retrain-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GOOD: Candidate = { name: 'production', options: {} };
// Every team rated the same (huge shrinkage, Elo that never moves): forecasts are base rates.
const BAD: Candidate = {
  name: 'flat',
  options: { priorWeight: 1e5, elo: { ...ELO_DEFAULTS, k: 0 }, onlineStacking: false },
};
// Small windows keep the suite fast: score on the last 120 days, no warm-up.
const WINDOWS: Omit<RetrainOptions, 'league' | 'candidates'> = { evalDays: 120, warmupDays: 0 };

type Done = Exclude<RetrainResult, { status: 'skipped' }>;
function done(r: RetrainResult): Done {
  if (r.status === 'skipped') throw new Error(`unexpected skip: ${r.reason}`);
  return r;
}

describe.each(testEngines)('retrain on %s', (engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  const registryDir = join(tmp, engine, 'artifacts');
  const reportsDir = join(tmp, engine, 'reports');
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const retrain = (candidates: Candidate[], extra: Partial<RetrainOptions> = {}, keep = 5) =>
    retrainLeague(
      { db, registryDir, reportsDir, keep, now: () => new Date((clock += 60_000)) },
      { league: 'E0', candidates, ...WINDOWS, ...extra },
    );

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
    await seedLeague(db, 'E0', [epl('2122'), epl('2223')]);
  }, 60_000);
  afterAll(() => handle.dispose());

  let first: Done;
  let second: Done;
  let third: Done;

  it('When a league has no model yet, then the retrain registers its first champion with artifact, report and chart', async () => {
    first = done(await retrain([BAD]));

    expect(first.status).toBe('promoted');
    expect(first.decision).toMatch(/first model for E0/);
    expect(first.record).toMatchObject({
      status: 'champion',
      dataFrom: '2021-08-13',
      dataTo: '2023-05-28',
    });
    expect(sha256Hex(readFileSync(first.artifactPath))).toBe(first.record.sha256);
    const report = readFileSync(first.reportPath, 'utf8');
    expect(report).toContain('2021-08-13 to 2023-05-28');
    expect(report).toMatch(/## Parameters[\s\S]*## Evaluation[\s\S]*## Team ratings/);
    expect(report).toMatch(/\| \d+ \| Arsenal \| \d\.\d\d \|/);
    expect(report).toContain(`](${first.version}.png)`);
    expect(decodePng(readFileSync(first.chartPath)).width).toBeGreaterThan(100);
    // The same pair in the database, for an api that cannot read this REPORTS_DIR.
    const stored = await findReport(db, 'E0', first.version);
    expect(stored?.markdown).toBe(report);
    expect(stored?.png.equals(readFileSync(first.chartPath))).toBe(true);
    const [run] = await listRecentJobRuns(db, { name: 'retrain' });
    expect(run).toMatchObject({ status: 'succeeded', key: 'E0' });
  });

  it('When no match finished after the champion data window, then the retrain skips and says so', async () => {
    const result = await retrain([GOOD]);

    expect(result).toMatchObject({ status: 'skipped' });
    expect(result.status === 'skipped' && result.reason).toBe(
      `no finished E0 matches after 2023-05-28 (champion ${first.version}); nothing to retrain`,
    );
    expect(await listModels(db, 'E0')).toHaveLength(1);
  });

  it('When a challenger beats the champion RPS on the same matches, then it is promoted', async () => {
    await seedLeague(db, 'E0', [eplOdds('2324')]);

    second = done(await retrain([GOOD]));

    const cmp = second.metrics.champion!;
    expect(second.status).toBe('promoted');
    expect(cmp.version).toBe(first.version);
    expect(cmp.n).toBeGreaterThan(100);
    expect(cmp.challengerRps).toBeLessThan(cmp.rps);
    expect(second.decision).toMatch(/beats champion/);
    expect((await getChampion(db, 'E0'))?.version).toBe(second.version);
    // The yardstick: de-vigged closing odds on the same matches.
    expect(second.metrics.market.closing?.n).toBe(second.metrics.evaluation.n);
    expect(readFileSync(second.reportPath, 'utf8')).toMatch(/\| 2023\/24 \| \d+ \| 0\.\d{4} /);
    // Intervals, paired differences and the predictable flag, in the report and the registry.
    const report = readFileSync(second.reportPath, 'utf8');
    expect(report).toMatch(/\| 2023\/24 \| 0\.\d{4} \[0\.\d{4}, 0\.\d{4}\] \| [+−]0\.\d{4} \[/);
    expect(report).toMatch(/## Predictable\n\n\*\*(Yes|No)\*\*: over 2023\/24 \(\d+ matches\)/);
    const flag = isLeaguePredictable((await getChampion(db, 'E0'))?.metrics);
    expect(flag.seasons).toEqual(['2023/24']);
    expect(flag.predictable).toBe(flag.modelRps! - flag.marketRps! <= 0.003);
  }, 60_000);

  it('When a challenger does not beat the champion, then it is registered as challenger and the champion stays', async () => {
    await seedLeague(db, 'E0', [epl('2425')]);

    third = done(await retrain([BAD]));

    expect(third.status).toBe('challenger');
    expect(third.record.status).toBe('challenger');
    expect(third.metrics.champion!.challengerRps).toBeGreaterThan(third.metrics.champion!.rps);
    expect(third.decision).toMatch(/does not beat champion/);
    expect((await getChampion(db, 'E0'))?.version).toBe(second.version);
    expect((await loadChampion(db, registryDir, 'E0'))?.record.version).toBe(second.version);
  }, 60_000);

  it('When a retrain dies while writing its artifact, then the champion is intact and nothing new is registered', async () => {
    const before = await listModels(db, 'E0');

    await expect(
      retrain([GOOD], {
        force: true,
        onArtifactStage: (stage) => {
          if (stage === 'temp-synced') throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');

    expect(await listModels(db, 'E0')).toEqual(before);
    const loaded = await loadChampion(db, registryDir, 'E0');
    expect(loaded?.record.version).toBe(second.version);
    expect(existsSync(join(registryDir, 'E0'))).toBe(true);
    const [run] = await listRecentJobRuns(db, { name: 'retrain' });
    expect(run).toMatchObject({ status: 'failed', error: 'killed' });
  }, 60_000);

  it('When retrains outnumber MODEL_KEEP, then older stored reports are pruned but the champion and the previous champion keep theirs', async () => {
    const fourth = done(await retrain([BAD], { force: true }, 1));

    expect(fourth.status).toBe('challenger');
    expect(fourth.prunedReports).toEqual([third.version]);
    expect(await findReport(db, 'E0', third.version)).toBeNull();
    for (const kept of [first, second, fourth]) {
      expect((await findReport(db, 'E0', kept.version))?.markdown).toBe(
        readFileSync(kept.reportPath, 'utf8'),
      );
    }
  }, 60_000);

  it('When the champion serves a forecast, then names resolve and every market comes from its matrix', async () => {
    const predictor = await createLeaguePredictor(db, registryDir, 'E0');

    const f = await predictor.predict('arsenal', 'Chelsea');

    expect(f).toMatchObject({ league: 'E0', home: 'Arsenal', away: 'Chelsea' });
    expect(f.modelVersion).toBe(second.version);
    const x = f.markets.oneXTwo;
    expect(x.home + x.draw + x.away).toBeCloseTo(1, 9);
    expect(f.markets.totals.find((t) => t.line === 2.5)).toBeDefined();
    await expect(predictor.predict('Arsenal Tula', 'Chelsea')).rejects.toThrow(
      /unknown team "Arsenal Tula"; closest: Arsenal/,
    );
  });

  it('When candidates compete, then the choice uses only matches before the evaluation window that promotion is decided on', async () => {
    const r = await retrainLeague(
      { db, registryDir, reportsDir, keep: 5, now: () => new Date((clock += 60_000)) },
      { league: 'E0', candidates: [BAD, GOOD], evalDays: 120, warmupDays: 150, force: true },
    );

    const result = done(r);
    const sel = result.metrics.selection!;
    expect(result.metrics.candidate).toBe('production');
    expect(sel.to < result.metrics.evaluation.from).toBe(true);
    expect(sel.n).toBeGreaterThan(30);
    expect(result.metrics.candidates.map((c) => c.n)).toEqual([sel.n, sel.n]);
    // Promotion is decided on evaluation matches only (less the sides the champion never rated).
    expect(result.metrics.champion!.n).toBeGreaterThan(100);
    expect(result.metrics.champion!.n).toBeLessThanOrEqual(result.metrics.evaluation.n);
    expect(readFileSync(result.reportPath, 'utf8')).toContain(
      `Chosen on ${sel.n} matches from ${sel.from} to ${sel.to}, before the evaluation window`,
    );
  }, 60_000);
});
