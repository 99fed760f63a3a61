import {
  calibration,
  outcomeOf,
  pairedRpsDifference,
  rpsInterval,
  summarize,
  type BacktestPrediction,
  type CalibrationBin,
  type MetricSummary,
  type Probs1x2,
} from '@scoreline/model';
import { MARKET_YARDSTICKS, marketProbs } from '../market/market-probs';
import type { SeasonMetrics } from '../reports/report-markdown';
import type { OddsOf, Predictability } from './predictability';
import { seasonOf } from './training-data';

export type { OddsOf } from './predictability';

/** Model scores of a set of forecasts and, on the matches with odds, the market's. */
export function seasonMetrics(
  season: string,
  preds: readonly BacktestPrediction[],
  oddsOf: OddsOf,
): SeasonMetrics {
  const outcomes = preds.map((p) => outcomeOf(p.homeGoals, p.awayGoals));
  const probs = preds.map((p) => p.probs);
  const dixonColes = preds.map((p) => p.components?.['dixonColes']);
  const out: SeasonMetrics = {
    season,
    model: summarize(probs, outcomes),
    closing: null,
    preClosing: null,
    vsClosing: null,
  };
  if (preds.length > 0) {
    out.interval = rpsInterval(probs, outcomes);
    if (dixonColes.every((d) => d !== undefined))
      out.vsDixonColes = pairedRpsDifference(probs, dixonColes, outcomes);
  }
  for (const y of MARKET_YARDSTICKS) {
    const market: Probs1x2[] = [];
    const model: Probs1x2[] = [];
    const paired: typeof outcomes = [];
    preds.forEach((p, i) => {
      const m = marketProbs(oddsOf(p), y.kind, y.bookmakers);
      if (!m) return;
      market.push(m);
      model.push(p.probs);
      paired.push(outcomes[i]!);
    });
    if (paired.length === 0) continue;
    out[y.key] = { market: summarize(market, paired), model: summarize(model, paired) };
    if (y.key === 'closing') out.vsClosing = pairedRpsDifference(model, market, paired);
  }
  return out;
}

/** {@link seasonMetrics} per football season (July–June), in date order. */
export function metricsBySeason(
  preds: readonly BacktestPrediction[],
  oddsOf: OddsOf,
): SeasonMetrics[] {
  const groups = new Map<string, BacktestPrediction[]>();
  for (const p of preds) {
    const s = seasonOf(p.date);
    const g = groups.get(s);
    if (g) g.push(p);
    else groups.set(s, [p]);
  }
  return [...groups].map(([s, g]) => seasonMetrics(s, g, oddsOf));
}

/**
 * Reliability bins of the model's forecasts and of the de-vigged closing market on the matches
 * that have closing odds (null when none do).
 */
export function calibrationPair(
  preds: readonly BacktestPrediction[],
  oddsOf: OddsOf,
): {
  model: { bins: CalibrationBin[]; ece: number };
  market: { bins: CalibrationBin[]; ece: number } | null;
} {
  const outcomes = preds.map((p) => outcomeOf(p.homeGoals, p.awayGoals));
  const closing = MARKET_YARDSTICKS.find((y) => y.key === 'closing')!;
  const market: Probs1x2[] = [];
  const marketOutcomes: typeof outcomes = [];
  preds.forEach((p, i) => {
    const m = marketProbs(oddsOf(p), closing.kind, closing.bookmakers);
    if (m) {
      market.push(m);
      marketOutcomes.push(outcomes[i]!);
    }
  });
  return {
    model: calibration(
      preds.map((p) => p.probs),
      outcomes,
    ),
    market: market.length > 0 ? calibration(market, marketOutcomes) : null,
  };
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
  /** Candidates scored on the selection window, before the evaluation window. */
  candidates: Array<{ name: string } & MetricSummary>;
  /** The matches the choice between candidates used (null: one candidate, or no such window). */
  selection: { from: string; to: string; n: number } | null;
  /** Whether /value may offer edges in this league (see {@link isLeaguePredictable}). */
  predictable: Predictability;
  decision: string;
  [key: string]: unknown;
}
