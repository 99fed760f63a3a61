import type { ModelRecord, ResultRow } from '@scoreline/db';
import {
  addDays,
  createProductionModel,
  summarize,
  UnknownTeamError,
  type BacktestPrediction,
  type MetricSummary,
  type Probs1x2,
} from '@scoreline/model';
import type { LoadedModel } from '../registry/load-champion';
import type { Candidate } from './candidates';
import { backtestCandidate, matchKey, type CandidateRun } from './evaluate';

/** The date windows of one retrain (all inclusive ISO dates). */
export interface RetrainWindows {
  /** History the fits may use. */
  history: ResultRow[];
  firstDate: string;
  dataTo: string;
  /** First forecast of the backtest; [backtestFrom, evalFrom) selects the candidate. */
  backtestFrom: string;
  /** [evalFrom, dataTo] is scored: headline figures and the promotion decision. */
  evalFrom: string;
  refitDays: number;
  /** The champion's data end, where the backtest is split so the comparison is fair. */
  cmpTo: string | null;
}

export interface WindowOptions {
  historyDays?: number;
  evalDays?: number;
  warmupDays?: number;
  minHistoryDays?: number;
  refitDays?: number;
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The windows, or a message when the history is too short to evaluate any model. */
export function retrainWindows(
  rows: readonly ResultRow[],
  opts: WindowOptions,
  cmpTo: string | null,
): RetrainWindows | { tooShort: string } {
  const dataTo = rows[rows.length - 1]!.date;
  const history = rows.filter((r) => r.date >= addDays(dataTo, -(opts.historyDays ?? 3650)));
  const firstDate = history[0]!.date;
  const evalStart = addDays(dataTo, -((opts.evalDays ?? 365) - 1));
  const backtestFrom = maxDate(
    addDays(evalStart, -(opts.warmupDays ?? 365)),
    addDays(firstDate, opts.minHistoryDays ?? 300),
  );
  if (backtestFrom > dataTo) {
    return {
      tooShort: `matches from ${firstDate} to ${dataTo}, need more than ${opts.minHistoryDays ?? 300} days`,
    };
  }
  return {
    history,
    firstDate,
    dataTo,
    backtestFrom,
    evalFrom: maxDate(evalStart, backtestFrom),
    refitDays: opts.refitDays ?? 7,
    cmpTo,
  };
}

export const scoreOf = (preds: readonly BacktestPrediction[]): MetricSummary =>
  summarize(
    preds.map((p) => p.probs),
    preds.map((p) => p.outcome),
  );

export interface Selection {
  best: CandidateRun;
  /** The best run's forecasts in the evaluation window. */
  bestEval: BacktestPrediction[];
  /** Each candidate on the selection window. */
  scores: Array<{ name: string } & MetricSummary>;
  window: { from: string; to: string; n: number } | null;
}

/**
 * Picks the candidate with the lowest RPS on the selection window [backtestFrom, evalFrom): the
 * evaluation window, on which promotion is decided, plays no part in the choice, so the
 * challenger's score there is not flattered by being the best of several. With no selection
 * window (or one candidate) the first candidate — the tuned default — is taken unselected.
 */
export function selectCandidate(runs: readonly CandidateRun[], w: RetrainWindows): Selection {
  const inSelection = (r: CandidateRun) => r.predictions.filter((p) => p.date < w.evalFrom);
  const scores = runs.map((r) => ({ name: r.candidate.name, ...scoreOf(inSelection(r)) }));
  const n = scores[0]?.n ?? 0;
  let bestIndex = 0;
  if (runs.length > 1 && n > 0) {
    scores.forEach((s, i) => {
      if (s.rps < scores[bestIndex]!.rps) bestIndex = i;
    });
  }
  const best = runs[bestIndex]!;
  return {
    best,
    bestEval: best.predictions.filter((p) => p.date >= w.evalFrom),
    scores,
    window:
      runs.length > 1 && n > 0 ? { from: w.backtestFrom, to: addDays(w.evalFrom, -1), n } : null,
  };
}

export type ChampionComparison = {
  version: string;
  n: number;
  rps: number;
  challengerRps: number;
} | null;

const stableJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/**
 * The champion scored as it would have served on the challenger's evaluation matches: its
 * configuration's rolling forecasts up to its data window, its frozen artifact after it.
 */
export function scoreChampion(
  loaded: LoadedModel,
  runs: readonly CandidateRun[],
  selection: Selection,
  w: RetrainWindows,
): NonNullable<ChampionComparison> {
  const state = loaded.artifact.state;
  const { cmpTo } = w;
  const same = runs.find((r) => stableJson(r.candidate.options) === stableJson(state.options));
  const champion: Candidate = { name: 'champion', options: state.options };
  const before =
    cmpTo === null || cmpTo < w.evalFrom
      ? []
      : (same?.predictions ??
        backtestCandidate(w.history, champion, {
          from: w.backtestFrom,
          to: cmpTo,
          refitDays: w.refitDays,
        }).predictions);
  const championProbs = new Map<string, Probs1x2>();
  for (const p of before)
    if (cmpTo !== null && p.date <= cmpTo) championProbs.set(matchKey(p), p.probs);
  const frozen = createProductionModel(state.options);
  for (const p of selection.bestEval) {
    if (cmpTo !== null && p.date <= cmpTo) continue;
    try {
      championProbs.set(matchKey(p), frozen.predictProbs(state, p.home, p.away).probs);
    } catch (err) {
      if (!(err instanceof UnknownTeamError)) throw err; // a side the champion never rated
    }
  }
  const paired = selection.bestEval.filter((p) => championProbs.has(matchKey(p)));
  const outcomes = paired.map((p) => p.outcome);
  return {
    version: loaded.record.version,
    n: paired.length,
    rps: summarize(
      paired.map((p) => championProbs.get(matchKey(p))!),
      outcomes,
    ).rps,
    challengerRps: scoreOf(paired).rps,
  };
}

const f4 = (x: number) => x.toFixed(4);

/** Promote or keep as challenger, with the reason in words. */
export function promotionDecision(
  code: string,
  champion: ModelRecord | null,
  championUsable: boolean,
  comparison: ChampionComparison,
): { promote: boolean; decision: string } {
  if (!champion) return { promote: true, decision: `promoted: first model for ${code}` };
  if (!championUsable) {
    return {
      promote: true,
      decision: `promoted: the champion ${champion.version}'s artifact is unusable`,
    };
  }
  if (comparison && comparison.n > 0 && comparison.challengerRps < comparison.rps) {
    return {
      promote: true,
      decision: `promoted: RPS ${f4(comparison.challengerRps)} beats champion ${comparison.version} (${f4(comparison.rps)}) on the same ${comparison.n} matches`,
    };
  }
  return {
    promote: false,
    decision: comparison?.n
      ? `kept as challenger: RPS ${f4(comparison.challengerRps)} does not beat champion ${comparison.version} (${f4(comparison.rps)}) on the same ${comparison.n} matches`
      : `kept as challenger: no matches to compare with champion ${champion.version}`,
  };
}

/** Backtests every candidate, yielding to the event loop between them. */
export async function backtestCandidates(
  candidates: readonly Candidate[],
  w: RetrainWindows,
  progress: (line: string) => void,
): Promise<CandidateRun[]> {
  const runs: CandidateRun[] = [];
  for (const [i, candidate] of candidates.entries()) {
    progress(`backtesting candidate ${i + 1}/${candidates.length} ${candidate.name}`);
    await new Promise<void>((resolve) => setImmediate(resolve)); // heartbeats and probes
    runs.push(
      backtestCandidate(w.history, candidate, {
        from: w.backtestFrom,
        to: w.dataTo,
        refitDays: w.refitDays,
        boundaries: w.cmpTo ? [w.cmpTo] : [],
      }),
    );
  }
  return runs;
}
