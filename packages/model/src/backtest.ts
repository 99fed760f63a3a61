import { dayNumber } from './time-weights';
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
