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
  saveReport,
  startJobRun,
  type Db,
  type ModelRecord,
  type ResultRow,
} from '@scoreline/db';
import {
  addDays,
  createProductionModel,
  summarize,
  toArtifact,
  UnknownTeamError,
  type BacktestPrediction,
  type MetricSummary,
  type Probs1x2,
} from '@scoreline/model';
import { mkdirSync } from 'node:fs';
import { groupOddsByFixture } from '../market/market-probs';
import { artifactWindow, type ArtifactDocument } from '../registry/artifact-document';
import { saveArtifact } from '../registry/artifact-store';
import { writeFileAtomic, type AtomicWriteOptions } from '../registry/atomic-write';
import { loadChampion } from '../registry/load-champion';
import { pruneArtifacts } from '../registry/prune';
import { nextVersion } from '../registry/version';
import { calibrationChartSvg } from '../reports/calibration-chart';
import { backfillReport } from '../reports/report-backfill';
import { renderPng } from '../reports/render-png';
import { reportFiles } from '../reports/report-files';
import { renderReportMarkdown, type TeamRatingRow } from '../reports/report-markdown';
import {
  DEFAULT_CANDIDATES,
  describeParameters,
  effectiveParameters,
  type Candidate,
} from './candidates';
import { backtestCandidate, matchKey, type CandidateRun } from './evaluate';
import { calibrationPair, metricsBySeason, seasonMetrics, type OddsOf } from './retrain-metrics';
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

/** The figures a retrain records in the registry (`models.metrics`) and in the artifact. */
export interface RetrainMetrics {
  candidate: string;
  evaluation: { from: string; to: string; ece: number } & MetricSummary;
  market: {
    closing: (MetricSummary & { modelRps: number }) | null;
    preClosing: (MetricSummary & { modelRps: number }) | null;
  };
  champion: { version: string; n: number; rps: number; challengerRps: number } | null;
  candidates: Array<{ name: string } & MetricSummary>;
  decision: string;
  [key: string]: unknown;
}

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

const maxDate = (a: string, b: string) => (a > b ? a : b);
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const stableJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/**
 * Retrains one league: fits each candidate in a rolling-origin backtest over the recent past,
 * picks the best by RPS, fits it on the full history, writes the artifact (atomically) and the
 * report, and registers it — as champion only when it beats the current champion's RPS on the
 * same matches (or there is no usable champion). The champion is scored as it would have served:
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

async function runRetrain(
  deps: RetrainDeps,
  opts: RetrainOptions,
  league: { id: number; code: string; name: string },
): Promise<RetrainResult> {
  const started = performance.now();
  const { db } = deps;
  const code = league.code;
  const progress = deps.progress ?? (() => undefined);
  const now = deps.now?.() ?? new Date();

  const rows = await listLeagueResults(db, { leagueId: league.id, leagueCode: code });
  const champion = await getChampion(db, code);
  // Even a retrain that skips copies a champion's report from before migration 003 into the
  // database, so one retrain (scheduled or admin) makes it servable by an api elsewhere.
  if (champion && (await backfillReport(db, deps.reportsDir, champion))) {
    progress(`${code}: stored the report of champion ${champion.version} in the database`);
  }
  if (rows.length === 0) {
    return { status: 'skipped', league: code, reason: `no finished ${code} matches`, champion };
  }
  const dataTo = rows[rows.length - 1]!.date;
  const loaded = await loadChampion(db, deps.registryDir, code, deps.warn);
  const championUsable = loaded !== null && loaded.fallbackFrom === undefined;
  if (!opts.force && champion && championUsable && champion.dataTo && dataTo <= champion.dataTo) {
    return {
      status: 'skipped',
      league: code,
      reason: `no finished ${code} matches after ${champion.dataTo} (champion ${champion.version}); nothing to retrain`,
      champion,
    };
  }

  // Windows: history for the fits, forecasts from backtestFrom, scores on [evalFrom, dataTo].
  const history = rows.filter((r) => r.date >= addDays(dataTo, -(opts.historyDays ?? 3650)));
  const firstDate = history[0]!.date;
  const evalStart = addDays(dataTo, -((opts.evalDays ?? 365) - 1));
  const backtestFrom = maxDate(
    addDays(evalStart, -(opts.warmupDays ?? 365)),
    addDays(firstDate, opts.minHistoryDays ?? 300),
  );
  if (backtestFrom > dataTo) {
    throw new RetrainError(
      `not enough ${code} history to evaluate a model: matches from ${firstDate} to ${dataTo}, need more than ${opts.minHistoryDays ?? 300} days`,
    );
  }
  const evalFrom = maxDate(evalStart, backtestFrom);
  const refitDays = opts.refitDays ?? 7;
  const cmpTo = loaded ? (loaded.record.dataTo ?? artifactWindow(loaded.artifact).to) : null;
  const boundaries = cmpTo ? [cmpTo] : [];

  const candidates = opts.candidates ?? DEFAULT_CANDIDATES;
  const runs: CandidateRun[] = [];
  for (const [i, candidate] of candidates.entries()) {
    progress(`${code}: backtesting candidate ${i + 1}/${candidates.length} ${candidate.name}`);
    await yieldToEventLoop(); // let heartbeats and probes through between CPU-bound steps
    runs.push(
      backtestCandidate(history, candidate, {
        from: backtestFrom,
        to: dataTo,
        refitDays,
        boundaries,
      }),
    );
  }
  const inEval = (preds: readonly BacktestPrediction[]) => preds.filter((p) => p.date >= evalFrom);
  const scores = runs.map((r) => {
    const preds = inEval(r.predictions);
    return {
      name: r.candidate.name,
      ...summarize(
        preds.map((p) => p.probs),
        preds.map((p) => p.outcome),
      ),
    };
  });
  let bestIndex = 0;
  scores.forEach((s, i) => {
    if (s.rps < scores[bestIndex]!.rps) bestIndex = i;
  });
  const best = runs[bestIndex]!;
  const bestEval = inEval(best.predictions);

  // The champion on the same matches.
  let comparison: RetrainMetrics['champion'] = null;
  if (loaded) {
    progress(`${code}: scoring champion ${loaded.record.version} on the same matches`);
    await yieldToEventLoop();
    const state = loaded.artifact.state;
    const same = runs.find((r) => stableJson(r.candidate.options) === stableJson(state.options));
    const before =
      cmpTo === null || cmpTo < evalFrom
        ? []
        : (same?.predictions ??
          backtestCandidate(
            history,
            { name: 'champion', options: state.options },
            { from: backtestFrom, to: cmpTo, refitDays },
          ).predictions);
    const championProbs = new Map<string, Probs1x2>();
    for (const p of before)
      if (cmpTo !== null && p.date <= cmpTo) championProbs.set(matchKey(p), p.probs);
    const frozen = createProductionModel(state.options);
    for (const p of bestEval) {
      if (cmpTo !== null && p.date <= cmpTo) continue;
      try {
        championProbs.set(matchKey(p), frozen.predictProbs(state, p.home, p.away).probs);
      } catch (err) {
        if (!(err instanceof UnknownTeamError)) throw err; // a side the champion never rated
      }
    }
    const paired = bestEval.filter((p) => championProbs.has(matchKey(p)));
    const outcomes = paired.map((p) => p.outcome);
    comparison = {
      version: loaded.record.version,
      n: paired.length,
      rps: summarize(
        paired.map((p) => championProbs.get(matchKey(p))!),
        outcomes,
      ).rps,
      challengerRps: summarize(
        paired.map((p) => p.probs),
        outcomes,
      ).rps,
    };
  }
  let promote: boolean;
  let decision: string;
  const f4 = (x: number) => x.toFixed(4);
  if (!champion) {
    promote = true;
    decision = `promoted: first model for ${code}`;
  } else if (!championUsable) {
    promote = true;
    decision = `promoted: the champion ${champion.version}'s artifact is unusable`;
  } else if (comparison && comparison.n > 0 && comparison.challengerRps < comparison.rps) {
    promote = true;
    decision = `promoted: RPS ${f4(comparison.challengerRps)} beats champion ${comparison.version} (${f4(comparison.rps)}) on the same ${comparison.n} matches`;
  } else {
    promote = false;
    decision = comparison?.n
      ? `kept as challenger: RPS ${f4(comparison.challengerRps)} does not beat champion ${comparison.version} (${f4(comparison.rps)}) on the same ${comparison.n} matches`
      : `kept as challenger: no matches to compare with champion ${champion.version}`;
  }

  // Final fit on everything up to dataTo, warm-started from the backtest (its stacking buffer).
  progress(`${code}: fitting ${best.candidate.name} on ${history.length} matches`);
  await yieldToEventLoop();
  const asOf = addDays(dataTo, 1);
  const upcoming = await upcomingTeams(db, league.id, asOf);
  const recent = new Set<string>();
  for (const r of history) {
    if (r.date >= addDays(dataTo, -365)) {
      recent.add(r.home);
      recent.add(r.away);
    }
  }
  for (const t of upcoming) recent.add(t.name);
  const state = createProductionModel(best.candidate.options).fit(history, asOf, {
    teams: [...recent],
    ...(best.lastState ? { previous: best.lastState } : {}),
  });
  const ids = await teamIdsFromResults(db, history);
  for (const t of upcoming) if (t.id !== null) ids.set(t.name, t.id);

  // Market yardstick and calibration on the same forecasts.
  const fixtureOf = new Map<string, number>(rows.map((r: ResultRow) => [matchKey(r), r.fixtureId]));
  const odds = groupOddsByFixture(
    await listOddsForFixtures(
      db,
      best.predictions.map((p) => fixtureOf.get(matchKey(p))!),
    ),
  );
  const oddsOf: OddsOf = (p) => odds.get(fixtureOf.get(matchKey(p))!) ?? [];
  const overall = seasonMetrics(`${evalFrom}–${dataTo}`, bestEval, oddsOf);
  const cal = calibrationPair(bestEval, oddsOf);
  // The chart compares model and market: when odds cover too little of the evaluation window
  // (odds files often end before results do), it shows the whole backtest instead.
  const chartPreds =
    (cal.market?.bins.reduce((s, b) => s + b.n, 0) ?? 0) / 3 >= 100 ? bestEval : best.predictions;
  const chartCal = chartPreds === bestEval ? cal : calibrationPair(chartPreds, oddsOf);
  const yard = (m: typeof overall.closing) => (m ? { ...m.market, modelRps: m.model.rps } : null);
  const metrics: RetrainMetrics = {
    candidate: best.candidate.name,
    evaluation: { from: evalFrom, to: dataTo, ...overall.model, ece: cal.model.ece },
    market: { closing: yard(overall.closing), preClosing: yard(overall.preClosing) },
    champion: comparison,
    candidates: scores,
    decision,
  };

  const version = await nextVersion(db, deps.registryDir, code, now);
  const createdAt = now.toISOString();
  const window = { from: firstDate, to: dataTo, matches: history.length };
  const doc: ArtifactDocument = {
    ...toArtifact(state, { league: code, version, createdAt }),
    kind: state.kind,
    candidate: best.candidate.name,
    parameters: effectiveParameters(best.candidate.options),
    teams: state.dixonColes.teams.map((name) => ({ name, id: ids.get(name) ?? null })),
    dataWindow: window,
    metrics,
  };
  progress(`${code}: writing artifact ${version}`);
  const saved = await saveArtifact(
    deps.registryDir,
    doc,
    opts.onArtifactStage ? { onStage: opts.onArtifactStage } : {},
  );

  // Report and chart before the registry row: a registered model always has its report.
  const files = reportFiles(deps.reportsDir, code, version);
  mkdirSync(files.dir, { recursive: true });
  const { markdown: reportPath, png: chartPath, pngName: chartFile } = files;
  const dc = state.dixonColes;
  const sh = state.shots;
  const ratings: TeamRatingRow[] = dc.teams
    .map((team, i) => {
      const j = sh.teams.indexOf(team);
      return {
        team,
        attack: Math.exp(dc.attack[i]!),
        defence: Math.exp(-dc.defence[i]!),
        shotsAttack: j >= 0 ? Math.exp(sh.attack[j]!) : NaN,
        shotsDefence: j >= 0 ? Math.exp(-sh.defence[j]!) : NaN,
        elo: state.elo.ratings[team] ?? state.elo.newcomerRating,
      };
    })
    .filter((t) => recent.has(t.team))
    .sort((a, b) => b.elo - a.elo);
  const chart = renderPng(
    calibrationChartSvg({
      title: `${league.name} (${code}), model ${version}`,
      subtitle: `Reliability of out-of-sample 1X2 forecasts, ${chartPreds[0]?.date ?? evalFrom} – ${dataTo}`,
      series: [
        {
          label: `model ${best.candidate.name}, n=${chartPreds.length}`,
          bins: chartCal.model.bins,
          color: '#1f77b4',
        },
        ...(chartCal.market
          ? [
              {
                label: `market closing (de-vigged), n=${chartCal.market.bins.reduce((s, b) => s + b.n, 0) / 3}`,
                bins: chartCal.market.bins,
                color: '#ff7f0e',
              },
            ]
          : []),
      ],
    }),
  );
  const markdown = renderReportMarkdown({
    league: { code, name: league.name },
    version,
    createdAt,
    candidate: best.candidate.name,
    decision,
    dataWindow: window,
    evaluation: { from: evalFrom, to: dataTo, refitDays, backtestFrom },
    parameters: describeParameters(state),
    ratings,
    candidates: scores.map(({ name, ...summary }) => ({ name, summary })),
    champion: comparison,
    seasons: metricsBySeason(best.predictions, oddsOf),
    overall,
    ece: {
      model: chartCal.model.ece,
      market: chartCal.market?.ece ?? null,
      from: chartPreds[0]?.date ?? evalFrom,
      to: dataTo,
    },
    chartFile,
  });
  await writeFileAtomic(chartPath, chart);
  await writeFileAtomic(reportPath, markdown);
  // The same pair in the shared database: in the three-container topology the api has its own
  // /data volume and never sees REPORTS_DIR of the worker that ran this retrain.
  await saveReport(db, {
    leagueCode: code,
    modelVersion: version,
    createdAt: now,
    markdown,
    png: chart,
  });

  const record = await registerModel(db, {
    leagueCode: code,
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
  const pruned = await pruneArtifacts(db, deps.registryDir, code, deps.keep);
  const prunedReports = await pruneReports(db, code, deps.keep);
  return {
    status: promote ? 'promoted' : 'challenger',
    league: code,
    version,
    record,
    metrics,
    decision,
    artifactPath: saved.absolutePath,
    reportPath,
    chartPath,
    pruned,
    prunedReports,
    seconds: (performance.now() - started) / 1000,
  };
}
