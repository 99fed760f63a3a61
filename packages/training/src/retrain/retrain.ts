import {
  failJobRun,
  findLeague,
  finishJobRun,
  getChampion,
  listLeagueResults,
  listLeagues,
  listOddsForFixtures,
  pruneReports,
  registerModel,
  startJobRun,
  type Db,
  type ModelRecord,
  type ResultRow,
} from '@scoreline/db';
import { addDays, createProductionModel, toArtifact, type ProductionState } from '@scoreline/model';
import { groupOddsByFixture } from '../market/market-probs';
import {
  artifactWindow,
  type ArtifactDocument,
  type DataWindow,
} from '../registry/artifact-document';
import { saveArtifact } from '../registry/artifact-store';
import type { AtomicWriteOptions } from '../registry/atomic-write';
import { loadChampion, type LoadedModel } from '../registry/load-champion';
import { pruneArtifacts } from '../registry/prune';
import { nextVersion } from '../registry/version';
import { backfillReport } from '../reports/report-backfill';
import { DEFAULT_CANDIDATES, effectiveParameters, type Candidate } from './candidates';
import { matchKey, type CandidateRun } from './evaluate';
import { assessPredictability } from './predictability';
import type { RetrainMetrics } from './retrain-metrics';
import { calibrationPair, seasonMetrics, type OddsOf } from './retrain-metrics';
import { writeRetrainReport } from './retrain-report';
import {
  backtestCandidates,
  promotionDecision,
  retrainWindows,
  scoreChampion,
  selectCandidate,
  type ChampionComparison,
  type RetrainWindows,
  type Selection,
} from './retrain-steps';
import { teamIdsFromResults, upcomingTeams } from './training-data';

/** A retrain that cannot run for a reason the operator must fix (unknown league, no history). */
export class RetrainError extends Error {
  override readonly name = 'RetrainError';
}

/** Where a retrain reads and writes, and how it reports. */
export interface RetrainDeps {
  db: Db;
  /** MODEL_REGISTRY_PATH. */
  registryDir: string;
  /** REPORTS_DIR. */
  reportsDir: string;
  /** MODEL_KEEP. */
  keep: number;
  /** Progress of long work, one line per step. */
  progress?: (line: string) => void;
  /** Problems that do not stop the retrain (a champion artifact that fails its check). */
  warn?: (line: string) => void;
  now?: () => Date;
}

export interface RetrainOptions {
  /** League code (`E0`) or SportMonks id. */
  league: string;
  /** Retrain even when no match finished after the champion's data window. */
  force?: boolean;
  candidates?: readonly Candidate[];
  /** History used by a fit, in days before the newest match (default 3650). */
  historyDays?: number;
  /** Days of matches the candidates are scored on (default 365). */
  evalDays?: number;
  /** Forecast days before the evaluation window that warm up the blend weights (default 365). */
  warmupDays?: number;
  /** The first forecast needs at least this much history (default 300 days). */
  minHistoryDays?: number;
  /** Refit at least every so many days in the backtest (default 7). */
  refitDays?: number;
  /** Passed to the artifact writer (crash tests). */
  onArtifactStage?: AtomicWriteOptions['onStage'];
}

export type { RetrainMetrics };

export type RetrainResult =
  | { status: 'skipped'; league: string; reason: string; champion: ModelRecord | null }
  | {
      status: 'promoted' | 'challenger';
      league: string;
      version: string;
      record: ModelRecord;
      metrics: RetrainMetrics;
      decision: string;
      artifactPath: string;
      reportPath: string;
      chartPath: string;
      /** Versions whose artifact files were pruned (MODEL_KEEP). */
      pruned: string[];
      /** Versions whose stored reports were pruned (MODEL_KEEP, as for artifacts). */
      prunedReports: string[];
      seconds: number;
    };

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Retrains one league: fits each candidate in a rolling-origin backtest over the recent past,
 * picks the best by RPS on the selection window (the year before the evaluation window), fits it
 * on the full history, writes the artifact (atomically) and the report, and registers it — as
 * champion only when it beats the current champion's RPS on the evaluation window, matches the
 * choice of candidate never saw (or there is no usable champion). The champion is scored as it would have served:
 * its configuration's rolling forecasts up to its data window, its frozen artifact after it.
 * Skips when no match finished after the champion's data window. Recorded as a job run.
 *
 * Crash safety: the artifact and the report are complete files, and the report is a database
 * row, before the registry row exists, and promotion is one transaction, so a retrain killed at
 * any point leaves the champion as it was (at worst an unregistered file or report row, swept by
 * MODEL_KEEP pruning or a later write).
 */
export async function retrainLeague(
  deps: RetrainDeps,
  opts: RetrainOptions,
): Promise<RetrainResult> {
  const league = await findLeague(deps.db, opts.league.toUpperCase());
  if (!league) {
    throw new RetrainError(
      `unknown league ${opts.league}: import its history first (scoreline import-csv)`,
    );
  }
  const runId = await startJobRun(deps.db, {
    name: 'retrain',
    key: league.code,
    payloadSummary: opts.force ? `${league.code} (forced)` : league.code,
  });
  try {
    const result = await runRetrain(deps, opts, league);
    await finishJobRun(
      deps.db,
      runId,
      result.status === 'skipped'
        ? { status: 'skipped', reason: result.reason }
        : { status: result.status, version: result.version, rps: result.metrics.evaluation.rps },
    );
    return result;
  } catch (err) {
    await failJobRun(deps.db, runId, err).catch(() => false);
    throw err;
  }
}

/** Outcome of one league in {@link retrainLeagues}: a result, or the reason it could not run. */
export type LeagueRetrain =
  { league: string; result: RetrainResult } | { league: string; error: RetrainError };

/**
 * Retrains several leagues one after another (default: every league in the database), the
 * scheduled job's unit of work. A league that cannot be retrained (RetrainError) is reported
 * and the others still run; any other error stops the run.
 */
export async function retrainLeagues(
  deps: RetrainDeps,
  opts: Omit<RetrainOptions, 'league'> & { leagues?: readonly string[] },
): Promise<LeagueRetrain[]> {
  const { leagues: only, ...rest } = opts;
  const leagues = only ?? (await listLeagues(deps.db)).map((l) => l.code);
  const out: LeagueRetrain[] = [];
  for (const league of leagues) {
    try {
      out.push({ league, result: await retrainLeague(deps, { ...rest, league }) });
    } catch (err) {
      if (!(err instanceof RetrainError)) throw err;
      out.push({ league, error: err });
    }
  }
  return out;
}

type League = { id: number; code: string; name: string };

/** What a retrain starts from, or the reason it skips. */
async function loadInputs(
  deps: RetrainDeps,
  opts: RetrainOptions,
  league: League,
): Promise<
  | { skip: RetrainResult }
  | { rows: ResultRow[]; champion: ModelRecord | null; loaded: LoadedModel | null }
> {
  const { db } = deps;
  const code = league.code;
  const rows = await listLeagueResults(db, { leagueId: league.id, leagueCode: code });
  const champion = await getChampion(db, code);
  // Even a retrain that skips copies a champion's report from before migration 003 into the
  // database, so one retrain (scheduled or admin) makes it servable by an api elsewhere.
  if (champion && (await backfillReport(db, deps.reportsDir, champion))) {
    deps.progress?.(`${code}: stored the report of champion ${champion.version} in the database`);
  }
  if (rows.length === 0) {
    return {
      skip: { status: 'skipped', league: code, reason: `no finished ${code} matches`, champion },
    };
  }
  const dataTo = rows[rows.length - 1]!.date;
  const loaded = await loadChampion(db, deps.registryDir, code, deps.warn);
  const usable = loaded !== null && loaded.fallbackFrom === undefined;
  if (!opts.force && champion && usable && champion.dataTo && dataTo <= champion.dataTo) {
    const reason = `no finished ${code} matches after ${champion.dataTo} (champion ${champion.version}); nothing to retrain`;
    return { skip: { status: 'skipped', league: code, reason, champion } };
  }
  return { rows, champion, loaded };
}

/**
 * Final fit on everything up to the data end, warm-started from the backtest (its stacking
 * buffer), rating every recent team and every side of a scheduled fixture.
 */
async function fitFinal(db: Db, league: League, w: RetrainWindows, best: CandidateRun) {
  const asOf = addDays(w.dataTo, 1);
  const upcoming = await upcomingTeams(db, league.id, asOf);
  const recent = new Set<string>();
  for (const r of w.history) {
    if (r.date >= addDays(w.dataTo, -365)) {
      recent.add(r.home);
      recent.add(r.away);
    }
  }
  for (const t of upcoming) recent.add(t.name);
  const state = createProductionModel(best.candidate.options).fit(w.history, asOf, {
    teams: [...recent],
    ...(best.lastState ? { previous: best.lastState } : {}),
  });
  const ids = await teamIdsFromResults(db, w.history);
  for (const t of upcoming) if (t.id !== null) ids.set(t.name, t.id);
  return { state, recent, ids };
}

/** Market yardstick, calibration and predictability of the chosen candidate's forecasts. */
async function evaluationMetrics(
  db: Db,
  rows: readonly ResultRow[],
  w: RetrainWindows,
  sel: Selection,
  comparison: ChampionComparison,
  decision: string,
) {
  const fixtureOf = new Map<string, number>(rows.map((r) => [matchKey(r), r.fixtureId]));
  const odds = groupOddsByFixture(
    await listOddsForFixtures(
      db,
      sel.best.predictions.map((p) => fixtureOf.get(matchKey(p))!),
    ),
  );
  const oddsOf: OddsOf = (p) => odds.get(fixtureOf.get(matchKey(p))!) ?? [];
  const overall = seasonMetrics(`${w.evalFrom}–${w.dataTo}`, sel.bestEval, oddsOf);
  const yard = (m: typeof overall.closing) => (m ? { ...m.market, modelRps: m.model.rps } : null);
  const metrics: RetrainMetrics = {
    candidate: sel.best.candidate.name,
    evaluation: {
      from: w.evalFrom,
      to: w.dataTo,
      ...overall.model,
      ece: calibrationPair(sel.bestEval, oddsOf).model.ece,
    },
    market: { closing: yard(overall.closing), preClosing: yard(overall.preClosing) },
    champion: comparison,
    candidates: sel.scores,
    selection: sel.window,
    predictable: assessPredictability(sel.best.predictions, oddsOf),
    decision,
  };
  return { metrics, oddsOf, overall };
}

/** The artifact document, written atomically (complete before any row names it). */
async function writeArtifact(
  deps: RetrainDeps,
  opts: RetrainOptions,
  a: {
    code: string;
    version: string;
    now: Date;
    state: ProductionState;
    sel: Selection;
    ids: ReadonlyMap<string, number>;
    window: DataWindow;
    metrics: RetrainMetrics;
  },
) {
  const doc: ArtifactDocument = {
    ...toArtifact(a.state, { league: a.code, version: a.version, createdAt: a.now.toISOString() }),
    kind: a.state.kind,
    candidate: a.sel.best.candidate.name,
    parameters: effectiveParameters(a.sel.best.candidate.options),
    teams: a.state.dixonColes.teams.map((name) => ({ name, id: a.ids.get(name) ?? null })),
    dataWindow: a.window,
    metrics: a.metrics,
  };
  return saveArtifact(
    deps.registryDir,
    doc,
    opts.onArtifactStage ? { onStage: opts.onArtifactStage } : {},
  );
}

/** The registry row (champion or challenger) last, then MODEL_KEEP pruning. */
async function register(
  deps: RetrainDeps,
  code: string,
  row: Omit<Parameters<typeof registerModel>[1], 'leagueCode'>,
) {
  const record = await registerModel(deps.db, { leagueCode: code, ...row });
  const pruned = await pruneArtifacts(deps.db, deps.registryDir, code, deps.keep);
  const prunedReports = await pruneReports(deps.db, code, deps.keep);
  return { record, pruned, prunedReports };
}

async function runRetrain(
  deps: RetrainDeps,
  opts: RetrainOptions,
  league: League,
): Promise<RetrainResult> {
  const started = performance.now();
  const { db } = deps;
  const code = league.code;
  const progress = deps.progress ?? (() => undefined);
  const now = deps.now?.() ?? new Date();
  const input = await loadInputs(deps, opts, league);
  if ('skip' in input) return input.skip;
  const { rows, champion, loaded } = input;
  const cmpTo = loaded ? (loaded.record.dataTo ?? artifactWindow(loaded.artifact).to) : null;
  const w = retrainWindows(rows, opts, cmpTo);
  if ('tooShort' in w) {
    throw new RetrainError(`not enough ${code} history to evaluate a model: ${w.tooShort}`);
  }
  const candidates = opts.candidates ?? DEFAULT_CANDIDATES;
  const runs = await backtestCandidates(candidates, w, (line) => progress(`${code}: ${line}`));
  const sel = selectCandidate(runs, w);
  let comparison: ChampionComparison = null;
  if (loaded) {
    progress(`${code}: scoring champion ${loaded.record.version} on the evaluation matches`);
    await yieldToEventLoop();
    comparison = scoreChampion(loaded, runs, sel, w);
  }
  const usable = loaded !== null && loaded.fallbackFrom === undefined;
  const { promote, decision } = promotionDecision(code, champion, usable, comparison);

  progress(`${code}: fitting ${sel.best.candidate.name} on ${w.history.length} matches`);
  await yieldToEventLoop();
  const { state, recent, ids } = await fitFinal(db, league, w, sel.best);
  const evaluated = await evaluationMetrics(db, rows, w, sel, comparison, decision);
  const { metrics, oddsOf, overall } = evaluated;

  const version = await nextVersion(db, deps.registryDir, code, now);
  const window = { from: w.firstDate, to: w.dataTo, matches: w.history.length };
  progress(`${code}: writing artifact ${version}`);
  const saved = await writeArtifact(deps, opts, {
    code,
    version,
    now,
    state,
    sel,
    ids,
    window,
    metrics,
  });
  // Report and chart before the registry row: a registered model always has its report.
  const { reportPath, chartPath } = await writeRetrainReport(db, deps.reportsDir, {
    league,
    version,
    now,
    state,
    recent,
    windows: w,
    dataWindow: window,
    predictions: sel.best.predictions,
    bestEval: sel.bestEval,
    oddsOf,
    overall,
    metrics,
  });
  const { record, pruned, prunedReports } = await register(deps, code, {
    kind: state.kind,
    version,
    trainedAt: now,
    dataFrom: window.from,
    dataTo: window.to,
    metrics,
    artifactPath: saved.path,
    sha256: saved.sha256,
    status: promote ? 'champion' : 'challenger',
  });
  const seconds = (performance.now() - started) / 1000;
  const status = promote ? ('promoted' as const) : ('challenger' as const);
  return {
    ...{ status, league: code, version, record, metrics, decision },
    ...{ artifactPath: saved.absolutePath, reportPath, chartPath, pruned, prunedReports, seconds },
  };
}
