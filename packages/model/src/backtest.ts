import { addDays, dayNumber } from './time-weights';
import type { MatchResult, Outcome, Probs1x2 } from './types';

/** Context handed to a model at each refit: fixture team names only, never results. */
export interface FitContext<S> {
  /** Teams of the fixtures to be predicted with this fit (promoted sides may lack history). */
  teams: readonly string[];
  /** The previous fitted state, for warm starts. */
  previous?: S;
}

/** What the backtest needs from a model: a pure fit on history and a pure predict. */
export interface BacktestModel<S> {
  fit(history: readonly MatchResult[], asOf: string, ctx: FitContext<S>): S;
  predict(
    state: S,
    home: string,
    away: string,
  ): { probs: Probs1x2; components?: Record<string, Probs1x2> };
}

export interface BacktestPrediction {
  date: string;
  home: string;
  away: string;
  homeGoals: number;
  awayGoals: number;
  outcome: Outcome;
  probs: Probs1x2;
  components?: Record<string, Probs1x2>;
  /** "As of" date of the fit used: every history match is strictly before it. */
  fitAsOf: string;
}

export interface BacktestOptions<S> {
  /** First and last match date to predict (inclusive, ISO). */
  from: string;
  to: string;
  model: BacktestModel<S>;
  /** Refit when a match date reaches the last fit date + refitDays (default 7). */
  refitDays?: number;
  /** State from an earlier run, handed to the first fit as `previous` (warm start). */
  initialState?: S;
}

/**
 * Rolling-origin backtest. Matches in [from, to] are predicted in date order; the model is refit
 * on the first prediction date and again whenever a match date reaches fitDate + refitDays, each
 * time on the matches dated strictly before the new fit date. A match on date d therefore only
 * sees results from before d — never its own day or later. Odds play no part.
 */
export function rollingBacktest<S>(
  matches: readonly MatchResult[],
  opts: BacktestOptions<S>,
): BacktestPrediction[] {
  const refitDays = opts.refitDays ?? 7;
  const sorted = [...matches].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const targets = sorted.filter((m) => m.date >= opts.from && m.date <= opts.to);
  const out: BacktestPrediction[] = [];
  let state: S | undefined;
  let previous: S | undefined = opts.initialState;
  let fitDay = -Infinity;
  let fitDate = '';
  let historyEnd = 0;
  for (let i = 0; i < targets.length; i++) {
    const m = targets[i]!;
    const day = dayNumber(m.date);
    if (state === undefined || day >= fitDay + refitDays) {
      previous = state ?? previous;
      fitDay = day;
      fitDate = m.date;
      while (historyEnd < sorted.length && sorted[historyEnd]!.date < fitDate) historyEnd++;
      // A fresh array of the past only: the model cannot reach later matches through it.
      const history = sorted.slice(0, historyEnd);
      const teams = new Set<string>();
      for (let j = i; j < targets.length && dayNumber(targets[j]!.date) < fitDay + refitDays; j++) {
        teams.add(targets[j]!.home);
        teams.add(targets[j]!.away);
      }
      state = opts.model.fit(history, fitDate, {
        teams: [...teams],
        ...(previous !== undefined ? { previous } : {}),
      });
    }
    const pred = opts.model.predict(state, m.home, m.away);
    out.push({
      date: m.date,
      home: m.home,
      away: m.away,
      homeGoals: m.homeGoals,
      awayGoals: m.awayGoals,
      outcome: m.homeGoals > m.awayGoals ? 0 : m.homeGoals === m.awayGoals ? 1 : 2,
      probs: pred.probs,
      ...(pred.components ? { components: pred.components } : {}),
      fitAsOf: fitDate,
    });
  }
  return out;
}

/** Forecasts days of warm-up before the window: three seasons, as the bench has always used. */
export const DEFAULT_WARMUP_DAYS = 1095;

export interface WarmedBacktest<S> {
  /** Forecasts of the warm-up period [from − warmupDays, from): never scored, only learnt from. */
  warmup: BacktestPrediction[];
  /** Forecasts of the window [from, to]. */
  predictions: BacktestPrediction[];
  /** State of the last refit. */
  lastState: S | undefined;
}

/**
 * The project's one backtest protocol, shared by `bench/backtest.js` and `scoreline backtest` so
 * both produce the same forecasts for the same data and settings: a rolling backtest over the
 * `warmupDays` before the window fills the model's memory (the production model's buffer of
 * out-of-sample forecasts, from which its pool weights are fitted), then the window is
 * backtested starting from that state. The warm-up is never scored. Without the warm-up the first months of the window are
 * forecast with untrained (equal) pool weights.
 */
export function warmedBacktest<S>(
  matches: readonly MatchResult[],
  opts: BacktestOptions<S> & { warmupDays?: number; minHistoryDays?: number },
): WarmedBacktest<S> {
  let lastState: S | undefined = opts.initialState;
  const model: BacktestModel<S> = {
    fit: (history, asOf, ctx) => (lastState = opts.model.fit(history, asOf, ctx)),
    predict: (state, home, away) => opts.model.predict(state, home, away),
  };
  const refit = opts.refitDays !== undefined ? { refitDays: opts.refitDays } : {};
  // The warm-up starts no earlier than `minHistoryDays` after the first match: a first fit needs
  // some history (with years of data before the window, as in the bench, this never binds).
  let first = '9999-12-31';
  for (const m of matches) if (m.date < first) first = m.date;
  const earliest = addDays(first, opts.minHistoryDays ?? 180);
  const start = addDays(opts.from, -(opts.warmupDays ?? DEFAULT_WARMUP_DAYS));
  const warmupFrom = start > earliest ? start : earliest;
  const warmup =
    warmupFrom < opts.from
      ? rollingBacktest(matches, {
          from: warmupFrom,
          to: addDays(opts.from, -1),
          model,
          ...refit,
          ...(lastState !== undefined ? { initialState: lastState } : {}),
        })
      : [];
  const predictions = rollingBacktest(matches, {
    from: opts.from,
    to: opts.to,
    model,
    ...refit,
    ...(lastState !== undefined ? { initialState: lastState } : {}),
  });
  return { warmup, predictions, lastState };
}
