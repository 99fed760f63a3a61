import type { FitContext } from './backtest';
import { blendProbs } from './blend';
import { DEFAULT_XI, fitDixonColes } from './dixon-coles/fit';
import { expectedGoals, outcomeProbs, scoreMatrixFromRates } from './dixon-coles/predict';
import { computeMarkets, type Markets } from './markets';
import { fitElo, predictElo, type EloOptions, type EloState } from './ratings/elo';
import { addDays } from './time-weights';
import type { DixonColesParams, MatchResult, Probs1x2, ScoreMatrix } from './types';

/** Names of the ensemble members, in the order blend weights refer to them. */
export const COMPONENTS = ['dixonColes', 'shots', 'elo'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface ProductionOptions {
  /** Time decay ξ per day for both Dixon-Coles fits. */
  xi?: number;
  /** Prior precision κ for the ratings. */
  priorWeight?: number;
  /**
   * Weight s of shots on target in the expected-goal proxy of the shots component:
   * x̃ = (1 − s)·goals + s·c·SOT, with c = Σgoals/ΣSOT of the weighted history.
   */
  shotsShare?: number;
  elo?: EloOptions;
  /** History older than this is ignored by the Dixon-Coles fits. */
  maxHistoryDays?: number;
  /**
   * Blend weights per component (order of {@link COMPONENTS}), as produced by
   * `fitBlendWeights` on out-of-sample predictions. Without them the blend is the
   * uninformed equal-weight pool, meant only for producing those predictions.
   */
  weights?: readonly number[];
}

export interface ProductionState {
  kind: 'production';
  asOf: string;
  options: ProductionOptions;
  dixonColes: DixonColesParams;
  shots: DixonColesParams;
  elo: EloState;
  weights: number[];
}

export interface ProductionPrediction {
  probs: Probs1x2;
  components: Record<ComponentName, Probs1x2>;
  matrix: ScoreMatrix;
  markets: Markets;
}

/**
 * Replaces goals by an expected-goal proxy x̃ = (1 − s)·goals + s·c·SOT (shots on target of
 * past matches are fair inputs, like goals); matches without SOT keep their goals.
 */
export function shotsProxy(matches: readonly MatchResult[], share: number): MatchResult[] {
  let goals = 0;
  let sot = 0;
  for (const m of matches) {
    const hs = m.stats?.homeShotsOnTarget;
    const as = m.stats?.awayShotsOnTarget;
    if (hs === undefined || as === undefined) continue;
    goals += m.homeGoals + m.awayGoals;
    sot += hs + as;
  }
  const c = sot > 0 ? goals / sot : 0;
  return matches.map((m) => {
    const hs = m.stats?.homeShotsOnTarget;
    const as = m.stats?.awayShotsOnTarget;
    if (hs === undefined || as === undefined || c === 0) return m;
    return {
      date: m.date,
      home: m.home,
      away: m.away,
      homeGoals: (1 - share) * m.homeGoals + share * c * hs,
      awayGoals: (1 - share) * m.awayGoals + share * c * as,
    };
  });
}

/**
 * Rescales the three regions of a score matrix (home wins, draws, away wins) so its 1X2 equals
 * `target`, keeping the score distribution within each outcome: the markets then agree with
 * the blended 1X2.
 */
export function conformMatrix(matrix: ScoreMatrix, target: Probs1x2): ScoreMatrix {
  const cur = outcomeProbs(matrix);
  const f = [target[0] / cur[0], target[1] / cur[1], target[2] / cur[2]];
  const p = matrix.p.map((row, x) =>
    row.map((v, y) => v * (x > y ? f[0]! : x === y ? f[1]! : f[2]!)),
  );
  return { ...matrix, p };
}

/**
 * The production ensemble: Dixon-Coles on goals, a Dixon-Coles/Poisson model on a shots-on-target
 * expected-goal proxy (with the goals model's ρ), and Elo with an ordered-logit link, combined by
 * a linear pool p = Σ wₖ pₖ whose weights are fitted on out-of-sample forecasts.
 * `fit` and `predict` are pure; the state is plain JSON.
 */
export interface ProductionModel {
  fit: (
    history: readonly MatchResult[],
    asOf: string,
    ctx?: Partial<FitContext<ProductionState>>,
  ) => ProductionState;
  predict: (state: ProductionState, home: string, away: string) => ProductionPrediction;
  /** 1X2 and components only (no matrix or markets), for backtests. */
  predictProbs: (
    state: ProductionState,
    home: string,
    away: string,
  ) => { probs: Probs1x2; components: Record<ComponentName, Probs1x2> };
}

export function createProductionModel(options: ProductionOptions = {}): ProductionModel {
  const xi = options.xi ?? DEFAULT_XI;
  const share = options.shotsShare ?? 0.5;
  const maxHistoryDays = options.maxHistoryDays ?? 1200;
  return {
    fit: (history, asOf, ctx = {}) => {
      const teams = ctx.teams ?? [];
      const prev = ctx.previous;
      // Only the recent past enters the Dixon-Coles fits (ISO dates compare as strings).
      const cutoff = addDays(asOf, -maxHistoryDays);
      const recent = history.filter((m) => m.date >= cutoff && m.date < asOf);
      const common = {
        asOf,
        xi,
        teams,
        maxHistoryDays,
        ...(options.priorWeight !== undefined ? { priorWeight: options.priorWeight } : {}),
      };
      const dixonColes = fitDixonColes(recent, {
        ...common,
        ...(prev ? { init: prev.dixonColes } : {}),
      });
      const shots = fitDixonColes(shotsProxy(recent, share), {
        ...common,
        fixedRho: 0,
        ...(prev ? { init: prev.shots } : {}),
      });
      const elo = fitElo(history, asOf, options.elo ?? {}, teams, prev?.elo);
      const weights = options.weights
        ? [...options.weights]
        : COMPONENTS.map(() => 1 / COMPONENTS.length);
      return { kind: 'production', asOf, options, dixonColes, shots, elo, weights };
    },
    predictProbs: (state, home, away) => {
      const dc = expectedGoals(state.dixonColes, home, away);
      const sh = expectedGoals(state.shots, home, away);
      const components: Record<ComponentName, Probs1x2> = {
        dixonColes: outcomeProbs(scoreMatrixFromRates(dc.lambda, dc.mu, state.dixonColes.rho)),
        shots: outcomeProbs(scoreMatrixFromRates(sh.lambda, sh.mu, state.dixonColes.rho)),
        elo: predictElo(state.elo, home, away),
      };
      const probs = blendProbs(
        COMPONENTS.map((c) => components[c]),
        state.weights,
      );
      return { probs, components };
    },
    predict: (state, home, away) => {
      const dcRates = expectedGoals(state.dixonColes, home, away);
      const dcMatrix = scoreMatrixFromRates(dcRates.lambda, dcRates.mu, state.dixonColes.rho);
      const shRates = expectedGoals(state.shots, home, away);
      const shMatrix = scoreMatrixFromRates(shRates.lambda, shRates.mu, state.dixonColes.rho);
      const components: Record<ComponentName, Probs1x2> = {
        dixonColes: outcomeProbs(dcMatrix),
        shots: outcomeProbs(shMatrix),
        elo: predictElo(state.elo, home, away),
      };
      const probs = blendProbs(
        COMPONENTS.map((c) => components[c]),
        state.weights,
      );
      // Score matrix: the goal-model matrices pooled with their own weights, then conformed to
      // the blended 1X2 so every market agrees with it.
      const wd = state.weights[0]!;
      const ws = state.weights[1]!;
      const a = wd + ws > 0 ? wd / (wd + ws) : 0.5;
      const pooled: ScoreMatrix = {
        maxGoals: dcMatrix.maxGoals,
        lambda: a * dcMatrix.lambda + (1 - a) * shMatrix.lambda,
        mu: a * dcMatrix.mu + (1 - a) * shMatrix.mu,
        p: dcMatrix.p.map((row, x) => row.map((v, y) => a * v + (1 - a) * shMatrix.p[x]![y]!)),
      };
      const matrix = conformMatrix(pooled, probs);
      return { probs, components, matrix, markets: computeMarkets(matrix) };
    },
  };
}
