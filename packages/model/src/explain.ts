// Why a forecast is what it is: each factor of the production model is set to its neutral value
// (the league average, or no home advantage, or the blend without a component) and the fixture
// is re-forecast through the same code as the prediction. The difference is the factor's
// contribution, a computed counterfactual rather than prose.
import { blendProbs, logPoolProbs } from './blend';
import {
  COMPONENTS,
  createProductionModel,
  type ComponentName,
  type ProductionState,
} from './production';
import type { EloState } from './ratings/elo';
import { dayNumber } from './time-weights';
import type { DixonColesParams, Probs1x2 } from './types';
import { UnknownTeamError } from './types';

/** The factors of an explanation, in the order they are reported. */
export const EXPLAIN_FACTORS = [
  'homeAttack',
  'homeDefence',
  'awayAttack',
  'awayDefence',
  'homeAdvantage',
  'homeForm',
  'awayForm',
  'dixonColes',
  'shots',
  'elo',
] as const;
export type ExplainFactorName = (typeof EXPLAIN_FACTORS)[number];

/** Teams whose last Elo match is older than this do not count toward the league's mean rating. */
const ACTIVE_DAYS = 365;

export interface ExplainFactor {
  factor: ExplainFactorName;
  /**
   * The factor's value relative to its neutral value: for attack/defence the goals model's
   * rating minus the league mean (log goal-rate units, a higher defence concedes fewer), for home
   * advantage η (log units), for form the Elo rating minus the league mean (points), for a
   * component its blend weight.
   */
  value: number;
  /** Home/draw/away with this factor neutralised. */
  counterfactual: Probs1x2;
  /**
   * The factor's contribution in percentage points: 100·(base − counterfactual) per outcome.
   * Positive means the factor raises that outcome's probability; the three sum to ≈ 0.
   */
  delta: Probs1x2;
}

export interface MatchExplanation {
  home: string;
  away: string;
  /** The forecast being explained (the blend), home/draw/away. */
  probs: Probs1x2;
  /** Each component's own 1X2. */
  components: Record<ComponentName, Probs1x2>;
  /** Blend weights by component. */
  weights: Record<ComponentName, number>;
  factors: ExplainFactor[];
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;

function teamIndex(params: DixonColesParams, team: string): number {
  const i = params.teams.indexOf(team);
  if (i < 0) throw new UnknownTeamError(team);
  return i;
}

/** The goals-model parameters with one team's attack or defence set to the league mean. */
function withAverage(
  params: DixonColesParams,
  team: string,
  which: 'attack' | 'defence',
): DixonColesParams {
  const i = teamIndex(params, team);
  const values = [...params[which]];
  values[i] = mean(params[which]);
  return { ...params, [which]: values };
}

/**
 * Mean Elo rating of the league's active teams (a match within {@link ACTIVE_DAYS} of the
 * state's date), which is the rating difference 0 of a neutral opponent; all rated teams when
 * none is active.
 */
export function eloLeagueMean(elo: EloState): number {
  const today = dayNumber(elo.asOf);
  const active = Object.keys(elo.ratings).filter((t) => {
    const last = elo.lastDay[t];
    return last !== undefined && today - last <= ACTIVE_DAYS;
  });
  const teams = active.length > 0 ? active : Object.keys(elo.ratings);
  return mean(teams.map((t) => elo.ratings[t]!));
}

/**
 * Explains the production forecast for `home` v `away`. Sign convention: contribution =
 * base − counterfactual, in percentage points, so a factor that helps the home side shows a
 * positive home-win number. Neutral values:
 * - attack/defence: the team's rating in both goal models (Dixon-Coles on goals and on the shots
 *   proxy) set to that model's mean over its rated teams — an average team of the league;
 * - home advantage: η = 0 in both goal models, and in the Elo link the cut points made symmetric
 *   around 0 with the same draw width (equal ratings then give equal home and away chances);
 * - form: the side's Elo rating set to the league mean. Form here means the Elo component's
 *   rating: it moves after every match (K = 30, scored by the goal/shots/corners margin), so it
 *   carries the recent run, while the goal models weigh ~3 years with a half-life of ~9 months;
 * - a blend component: the pool without it (linear pool: the other weights renormalised, equal
 *   weights when the others are all 0; logarithmic pool: its weight set to 0). The component's
 *   own 1X2 is in `components`.
 * Throws {@link UnknownTeamError} for a team the state does not rate.
 */
export function explainMatch(state: ProductionState, home: string, away: string): MatchExplanation {
  const model = createProductionModel(state.options);
  const base = model.predictProbs(state, home, away);
  const pool = state.options.pooling === 'logarithmic' ? logPoolProbs : blendProbs;
  const factors: ExplainFactor[] = [];
  const add = (factor: ExplainFactorName, value: number, counterfactual: Probs1x2) => {
    const delta = base.probs.map((p, k) => 100 * (p - counterfactual[k]!)) as Probs1x2;
    factors.push({ factor, value, counterfactual, delta });
  };
  const without = (s: ProductionState) => model.predictProbs(s, home, away).probs;
  const dc = state.dixonColes;

  const rating = (team: string, which: 'attack' | 'defence') =>
    without({
      ...state,
      dixonColes: withAverage(state.dixonColes, team, which),
      shots: withAverage(state.shots, team, which),
    });
  const h = teamIndex(dc, home);
  const a = teamIndex(dc, away);
  add('homeAttack', dc.attack[h]! - mean(dc.attack), rating(home, 'attack'));
  add('homeDefence', dc.defence[h]! - mean(dc.defence), rating(home, 'defence'));
  add('awayAttack', dc.attack[a]! - mean(dc.attack), rating(away, 'attack'));
  add('awayDefence', dc.defence[a]! - mean(dc.defence), rating(away, 'defence'));

  const width = state.elo.link.cut2 - state.elo.link.cut1;
  add(
    'homeAdvantage',
    dc.homeAdvantage,
    without({
      ...state,
      dixonColes: { ...state.dixonColes, homeAdvantage: 0 },
      shots: { ...state.shots, homeAdvantage: 0 },
      elo: { ...state.elo, link: { ...state.elo.link, cut1: -width / 2, cut2: width / 2 } },
    }),
  );

  const eloMean = eloLeagueMean(state.elo);
  const form = (team: string) => {
    const r = state.elo.ratings[team];
    if (r === undefined) throw new UnknownTeamError(team);
    const cf = without({
      ...state,
      elo: { ...state.elo, ratings: { ...state.elo.ratings, [team]: eloMean } },
    });
    return { value: r - eloMean, cf };
  };
  const hf = form(home);
  add('homeForm', hf.value, hf.cf);
  const af = form(away);
  add('awayForm', af.value, af.cf);

  const probsOf = COMPONENTS.map((c) => base.components[c]);
  COMPONENTS.forEach((c, k) => {
    const w = state.weights[k] ?? 0;
    let weights: number[];
    if (state.options.pooling === 'logarithmic') {
      weights = state.weights.map((x, j) => (j === k ? 0 : x));
    } else {
      const rest = state.weights.reduce((s, x, j) => (j === k ? s : s + x), 0);
      weights =
        rest > 1e-12
          ? state.weights.map((x, j) => (j === k ? 0 : x / rest))
          : state.weights.map((_, j) => (j === k ? 0 : 1 / (state.weights.length - 1)));
    }
    add(c, w, pool(probsOf, weights));
  });

  return {
    home,
    away,
    probs: base.probs,
    components: base.components,
    weights: Object.fromEntries(COMPONENTS.map((c, k) => [c, state.weights[k] ?? 0])) as Record<
      ComponentName,
      number
    >,
    factors,
  };
}
