import { outcomeOf, summarize, type BacktestPrediction, type Probs1x2 } from '@scoreline/model';
import { MARKET_YARDSTICKS, marketProbs } from '../market/market-probs';
import type { Odds } from '@scoreline/db';
import { seasonOf } from './training-data';

/** Looks up the odds of a forecast match (by its fixture). */
export type OddsOf = (p: BacktestPrediction) => readonly Odds[];

/** The model may trail the de-vigged closing market by at most this much RPS (issue #17). */
export const PREDICTABLE_MARGIN = 0.003;

/**
 * Whether a league's model is close enough to the market for its "edges" to mean anything:
 * model RPS within {@link PREDICTABLE_MARGIN} of the de-vigged closing market over the last two
 * seasons of the retrain's backtest, on the matches with closing odds. Stored in the registry
 * (`models.metrics.predictable`) and the artifact, and shown in the report.
 */
export interface Predictability {
  predictable: boolean;
  /** Seasons compared (`2023/24`, `2024/25`). */
  seasons: string[];
  /** Matches with closing odds in those seasons. */
  n: number;
  modelRps: number | null;
  marketRps: number | null;
  /** One sentence a user can read: why value bets are (not) offered. */
  reason: string;
}

const f4 = (x: number) => x.toFixed(4);

/** {@link Predictability} of out-of-sample forecasts, their odds looked up by `oddsOf`. */
export function assessPredictability(
  preds: readonly BacktestPrediction[],
  oddsOf: OddsOf,
): Predictability {
  const seasons = [...new Set(preds.map((p) => seasonOf(p.date)))].sort().slice(-2);
  const closing = MARKET_YARDSTICKS.find((y) => y.key === 'closing')!;
  const model: Probs1x2[] = [];
  const market: Probs1x2[] = [];
  const outcomes: ReturnType<typeof outcomeOf>[] = [];
  for (const p of preds) {
    if (!seasons.includes(seasonOf(p.date))) continue;
    const m = marketProbs(oddsOf(p), closing.kind, closing.bookmakers);
    if (!m) continue;
    model.push(p.probs);
    market.push(m);
    outcomes.push(outcomeOf(p.homeGoals, p.awayGoals));
  }
  if (outcomes.length < 100) {
    return {
      predictable: false,
      seasons,
      n: outcomes.length,
      modelRps: null,
      marketRps: null,
      reason: `only ${outcomes.length} matches of ${seasons.join(' and ') || 'the backtest'} have closing odds (100 needed), so the model cannot be checked against the market`,
    };
  }
  const modelRps = summarize(model, outcomes).rps;
  const marketRps = summarize(market, outcomes).rps;
  const predictable = modelRps - marketRps <= PREDICTABLE_MARGIN;
  return {
    predictable,
    seasons,
    n: outcomes.length,
    modelRps,
    marketRps,
    reason: `over ${seasons.join(' and ')} (${outcomes.length} matches) the model's RPS ${f4(modelRps)} is ${predictable ? 'within' : 'more than'} ${PREDICTABLE_MARGIN} of the de-vigged closing market's ${f4(marketRps)}`,
  };
}

/**
 * The predictability a registered model recorded (`record.metrics` or an artifact's `metrics`),
 * for services that offer value bets: only a league whose model is `predictable` may show edges.
 * A model trained before the check existed counts as not predictable, with the reason.
 */
export function isLeaguePredictable(metrics: unknown): Predictability {
  const p = (metrics as { predictable?: Partial<Predictability> } | null)?.predictable;
  if (!p || typeof p.predictable !== 'boolean') {
    return {
      predictable: false,
      seasons: [],
      n: 0,
      modelRps: null,
      marketRps: null,
      reason:
        'this model was trained before its accuracy was checked against the market; retrain the league',
    };
  }
  return {
    predictable: p.predictable,
    seasons: p.seasons ?? [],
    n: p.n ?? 0,
    modelRps: p.modelRps ?? null,
    marketRps: p.marketRps ?? null,
    reason: p.reason ?? '',
  };
}
