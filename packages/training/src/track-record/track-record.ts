// The bot's own track record: stored predictions as they were made, scored when their match
// finished (the worker's settle job), next to the de-vigged bookmaker market on the same matches.
// Pure over rows and odds, so the bot's /stats and /export and the api can share it. Nothing is
// filtered for looking good: every settled prediction counts, losing months included.
import type { Odds, Prediction } from '@scoreline/db';
import {
  calibration,
  summarize,
  type CalibrationBin,
  type MetricSummary,
  type Outcome,
  type Probs1x2,
} from '@scoreline/model';
import { MARKET_YARDSTICKS, marketProbs, type MarketYardstick } from '../market/market-probs';

/** Mean scores plus the hit rate (share of matches whose most likely outcome happened). */
export interface ScoreSummary extends MetricSummary {
  hitRate: number;
}

/** The model and the de-vigged market on the matches where that market has a full price set. */
export interface MarketComparison {
  key: MarketYardstick['key'];
  label: string;
  n: number;
  model: ScoreSummary;
  market: ScoreSummary;
}

/** One calendar month (UTC, of the prediction's time): wins and losses against the market. */
export interface TrackRecordPeriod {
  month: string;
  n: number;
  model: ScoreSummary;
  /** The first yardstick with prices in this month (closing, else pre-closing), on its matches. */
  market: MarketComparison | null;
}

export interface TrackRecord {
  /** League code, or null for every league together. */
  league: string | null;
  /** Settled predictions counted. */
  n: number;
  /** Time of the first and last counted prediction. */
  from: Date | null;
  to: Date | null;
  /** Means of the scores stored at settlement, and the hit rate. */
  model: ScoreSummary;
  markets: MarketComparison[];
  periods: TrackRecordPeriod[];
  calibration: {
    model: CalibrationBin[];
    /** The closing market's bins on the matches with closing prices; null when none have them. */
    market: CalibrationBin[] | null;
    marketN: number;
  };
  modelVersions: string[];
}

type Settled = Prediction & { fixtureId: number; outcome: 'H' | 'D' | 'A' };

const OUTCOME_INDEX: Record<'H' | 'D' | 'A', Outcome> = { H: 0, D: 1, A: 2 };

const isSettled = (p: Prediction): p is Settled =>
  p.settledAt !== null &&
  p.outcome !== null &&
  p.fixtureId !== null &&
  p.rps !== null &&
  p.logLoss !== null &&
  p.brier !== null;

const probsOf = (p: Prediction): Probs1x2 => [p.pHome, p.pDraw, p.pAway];

/** Index of the largest probability; a tie goes to the earlier outcome (home, draw, away). */
export function favouriteOf(probs: Probs1x2): Outcome {
  let best: Outcome = 0;
  for (const k of [1, 2] as const) if (probs[k] > probs[best]) best = k;
  return best;
}

/** Scores of forecasts against outcomes (metrics from @scoreline/model) plus the hit rate. */
export function scoreSummary(
  probs: readonly Probs1x2[],
  outcomes: readonly Outcome[],
): ScoreSummary {
  const s = summarize(probs, outcomes);
  const hits = probs.filter((p, i) => favouriteOf(p) === outcomes[i]).length;
  return { ...s, hitRate: probs.length ? hits / probs.length : NaN };
}

/** The mean of the scores stored when each prediction was settled, plus the hit rate. */
function storedSummary(rows: readonly Settled[]): ScoreSummary {
  const n = rows.length;
  const mean = (f: (p: Settled) => number) =>
    n ? rows.reduce((sum, p) => sum + f(p), 0) / n : NaN;
  const hits = rows.filter((p) => favouriteOf(probsOf(p)) === OUTCOME_INDEX[p.outcome]).length;
  return {
    n,
    rps: mean((p) => p.rps!),
    logLoss: mean((p) => p.logLoss!),
    brier: mean((p) => p.brier!),
    hitRate: n ? hits / n : NaN,
  };
}

function compare(
  rows: readonly Settled[],
  oddsOf: (fixtureId: number) => readonly Odds[],
  y: MarketYardstick,
): MarketComparison | null {
  const model: Probs1x2[] = [];
  const market: Probs1x2[] = [];
  const outcomes: Outcome[] = [];
  for (const p of rows) {
    const m = marketProbs(oddsOf(p.fixtureId), y.kind, y.bookmakers);
    if (!m) continue;
    model.push(probsOf(p));
    market.push(m);
    outcomes.push(OUTCOME_INDEX[p.outcome]);
  }
  if (outcomes.length === 0) return null;
  return {
    key: y.key,
    label: y.label,
    n: outcomes.length,
    model: scoreSummary(model, outcomes),
    market: scoreSummary(market, outcomes),
  };
}

/**
 * The track record of `predictions` (unsettled ones are left out) against the market prices in
 * `oddsByFixture` (see groupOddsByFixture). `league` narrows to one league's predictions.
 */
export function trackRecord(
  predictions: readonly Prediction[],
  oddsByFixture: ReadonlyMap<number, readonly Odds[]>,
  league: string | null = null,
): TrackRecord {
  const rows = predictions
    .filter(isSettled)
    .filter((p) => league === null || p.leagueCode === league)
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.id - b.id);
  const oddsOf = (id: number) => oddsByFixture.get(id) ?? [];
  const outcomes = rows.map((p) => OUTCOME_INDEX[p.outcome]);

  const markets = MARKET_YARDSTICKS.map((y) => compare(rows, oddsOf, y)).filter(
    (c): c is MarketComparison => c !== null,
  );

  const months = new Map<string, Settled[]>();
  for (const p of rows) {
    const month = p.requestedAt.toISOString().slice(0, 7);
    const list = months.get(month);
    if (list) list.push(p);
    else months.set(month, [p]);
  }
  const periods = [...months].map(([month, group]) => {
    let market: MarketComparison | null = null;
    for (const y of MARKET_YARDSTICKS) {
      market = compare(group, oddsOf, y);
      if (market) break;
    }
    return { month, n: group.length, model: storedSummary(group), market };
  });

  const closing = MARKET_YARDSTICKS.find((y) => y.key === 'closing')!;
  const marketProbsList: Probs1x2[] = [];
  const marketOutcomes: Outcome[] = [];
  for (const p of rows) {
    const m = marketProbs(oddsOf(p.fixtureId), closing.kind, closing.bookmakers);
    if (m) {
      marketProbsList.push(m);
      marketOutcomes.push(OUTCOME_INDEX[p.outcome]);
    }
  }

  return {
    league,
    n: rows.length,
    from: rows[0]?.requestedAt ?? null,
    to: rows[rows.length - 1]?.requestedAt ?? null,
    model: storedSummary(rows),
    markets,
    periods,
    calibration: {
      model: calibration(rows.map(probsOf), outcomes).bins,
      market: marketOutcomes.length > 0 ? calibration(marketProbsList, marketOutcomes).bins : null,
      marketN: marketOutcomes.length,
    },
    modelVersions: [...new Set(rows.map((p) => p.modelVersion))].sort(),
  };
}

/** The track record of every league together and of each league (by code). */
export function trackRecordByLeague(
  predictions: readonly Prediction[],
  oddsByFixture: ReadonlyMap<number, readonly Odds[]>,
): { overall: TrackRecord; leagues: TrackRecord[] } {
  const codes = [...new Set(predictions.filter(isSettled).map((p) => p.leagueCode))].sort();
  return {
    overall: trackRecord(predictions, oddsByFixture),
    leagues: codes.map((code) => trackRecord(predictions, oddsByFixture, code)),
  };
}

/** Fixture ids of the settled predictions: the odds a track record needs. */
export function settledFixtureIds(predictions: readonly Prediction[]): number[] {
  return [...new Set(predictions.filter(isSettled).map((p) => p.fixtureId))];
}
