import {
  addDays,
  createProductionModel,
  rollingBacktest,
  type BacktestPrediction,
  type MatchResult,
  type ProductionState,
} from '@scoreline/model';
import type { Candidate } from './candidates';

/** A candidate's out-of-sample forecasts and the state of its last refit (for the final fit). */
export interface CandidateRun {
  candidate: Candidate;
  predictions: BacktestPrediction[];
  lastState: ProductionState | undefined;
}

export interface EvaluateOptions {
  /** First and last match date to forecast (inclusive). */
  from: string;
  to: string;
  /** Refit at least this often (days). */
  refitDays: number;
  /**
   * Dates after which a refit is forced (the champion's data end): forecasts of later matches
   * then use at least the data the champion had, so a comparison with it is fair.
   */
  boundaries?: readonly string[];
}

/**
 * Rolling-origin backtest of one candidate: every match in [from, to] is forecast from a fit on
 * matches strictly before its date only. The run is split at each boundary, the state carried
 * over as a warm start, so the model refits on the first match after a boundary.
 */
export function backtestCandidate(
  history: readonly MatchResult[],
  candidate: Candidate,
  opts: EvaluateOptions,
): CandidateRun {
  const model = createProductionModel(candidate.options);
  let lastState: ProductionState | undefined;
  const backtestModel = {
    fit: (h: readonly MatchResult[], asOf: string, ctx: Parameters<typeof model.fit>[2]) =>
      (lastState = model.fit(h, asOf, ctx)),
    predict: (state: ProductionState, home: string, away: string) =>
      model.predictProbs(state, home, away),
  };
  const cuts = [...new Set(opts.boundaries ?? [])]
    .filter((b) => b >= opts.from && b < opts.to)
    .sort();
  const segments: Array<[string, string]> = [];
  let start = opts.from;
  for (const cut of cuts) {
    segments.push([start, cut]);
    start = addDays(cut, 1);
  }
  segments.push([start, opts.to]);
  const predictions: BacktestPrediction[] = [];
  for (const [from, to] of segments) {
    predictions.push(
      ...rollingBacktest(history, {
        from,
        to,
        model: backtestModel,
        refitDays: opts.refitDays,
        ...(lastState ? { initialState: lastState } : {}),
      }),
    );
  }
  return { candidate, predictions, lastState };
}

/** Identity of a match within a league's results (date and canonical teams). */
export const matchKey = (m: { date: string; home: string; away: string }): string =>
  `${m.date}|${m.home}|${m.away}`;
