import type { FitContext } from './backtest';
import { blendProbs, fitBlendWeights, fitLogPoolWeights, logPoolProbs } from './blend';
import { prepareDixonColes, solveDixonColes } from './dixon-coles/fit';
import { expectedGoals, outcomeProbs, scoreMatrixFromRates } from './dixon-coles/predict';
import { computeMarkets, type Markets } from './markets';
import { fitElo, predictElo, type EloOptions, type EloState } from './ratings/elo';
import { addDays } from './time-weights';
import type {
  DixonColesParams,
  MatchResult,
  Outcome,
  Probs1x2,
  ScoreMatrix,
  TeamRating,
} from './types';

/**
 * Elo settings chosen by backtest on 2014/15–2018/19: matches scored by a goal/shots-on-target/
 * corners margin beat classic win/draw/loss Elo there (RPS 0.1949 against 0.1967). On the
 * development period (2009/10–2018/19) off-target shots in the margin (10 %, corners 25 → 20 %)
 * and a 50 % larger K for each team's first 6 matches after the summer break (squads change then)
 * improved the blend in all three leagues (EPL −0.00015, La Liga −0.00002, Bundesliga −0.00020),
 * and held on the evaluation window (docs/model-results.md).
 */
export const ELO_DEFAULTS: EloOptions = {
  k: 30,
  shotsShare: 0.35,
  cornersShare: 0.2,
  offTargetShare: 0.1,
  earlyBoost: 0.5,
  boostMatches: 6,
  marginScale: 1,
  seasonRegression: 0,
};

/**
 * Defaults of the production model, chosen on the development period (2009/10–2018/19; ξ, κ and
 * the red-card weight on EPL 2014/15–2018/19), i.e. before the 2019/20–2024/25 evaluation
 * window. Team finishing (k = 200 shots on target) with shots share 0.5 won on the development
 * period (EPL −0.0002, La Liga −0.0002, Bundesliga +0.0001 RPS against share 0.3 without it).
 */
export const PRODUCTION_DEFAULTS = {
  xi: 0.0026,
  priorWeight: 3,
  shotsShare: 0.5,
  redCardWeight: 0.6,
  finishingShrink: 200,
} as const;

/** Names of the ensemble members, in the order blend weights refer to them. */
export const COMPONENTS = ['dixonColes', 'shots', 'elo'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface ProductionOptions {
  /** Time decay ξ per day for both Dixon-Coles fits (defaults: {@link PRODUCTION_DEFAULTS}). */
  xi?: number;
  /** Time decay ξ for the shots component (default: `xi`). */
  shotsXi?: number;
  /** Prior precision κ for the ratings. */
  priorWeight?: number;
  /**
   * Weight s of shots on target in the expected-goal proxy of the shots component:
   * x̃ = (1 − s)·goals + s·c·SOT, with c = Σgoals/ΣSOT over the history window.
   */
  shotsShare?: number;
  /** Include off-target shots in the expected-goal proxy (default false: no gain in tuning). */
  useOffTarget?: boolean;
  /**
   * Team-specific finishing and goalkeeping in the proxy: each side's goals per shot on target,
   * for and against, shrunk to the league's c with the weight of this many shots on target
   * (default {@link PRODUCTION_DEFAULTS}; null: one league-wide c, as before — null, not
   * Infinity, so the setting survives the artifact's JSON).
   */
  finishingShrink?: number | null;
  /** Elo settings (default {@link ELO_DEFAULTS}). */
  elo?: EloOptions;
  /** Weight of matches with a red card in the Dixon-Coles fits. */
  redCardWeight?: number;
  /** Prior mean of a team new to the league (see fitDixonColes). */
  newcomerPrior?: TeamRating;
  /** Decay ξ_h of the recent re-estimate of scoring level and home advantage (see fit). */
  levelXi?: number;
  levelPriorWeight?: number;
  /** History older than this is ignored by the Dixon-Coles fits. */
  maxHistoryDays?: number;
  /**
   * Blend weights per component (order of {@link COMPONENTS}), as produced by
   * `fitBlendWeights` on out-of-sample predictions. Without them the blend is the
   * uninformed equal-weight pool, meant only for producing those predictions.
   */
  weights?: readonly number[];
  /** Linear pool Σ wₖpₖ (default) or logarithmic pool ∝ Π pₖ^{wₖ}. */
  pooling?: 'linear' | 'logarithmic';
  /**
   * Online stacking: at each refit the matches played since the previous fit are predicted with
   * the previous state (so out of sample), kept in a buffer of at most `stackingWindow`
   * matches, and the pool weights are refitted on that buffer once it holds `stackingMin`
   * matches (before that, `weights` or equal weights apply). Default true.
   */
  onlineStacking?: boolean;
  stackingWindow?: number;
  stackingMin?: number;
  /** Keep the previous weights until they are this many days old (default 28). */
  stackingRefitDays?: number;
}

/** Out-of-sample component forecasts and outcomes kept for online stacking. */
export interface OosBuffer {
  date: string[];
  probs: Probs1x2[][];
  outcome: Outcome[];
}

export interface ProductionState {
  kind: 'production';
  asOf: string;
  options: ProductionOptions;
  dixonColes: DixonColesParams;
  shots: DixonColesParams;
  elo: EloState;
  weights: number[];
  /** "As of" date of the last weight fit (null while the given/equal weights apply). */
  weightsAsOf: string | null;
  oos: OosBuffer;
}

export interface ProductionPrediction {
  probs: Probs1x2;
  components: Record<ComponentName, Probs1x2>;
  matrix: ScoreMatrix;
  markets: Markets;
}

/**
 * Expected-goal proxies x̃ = (1 − s)·goals + s·ĝ per match (aligned with `matches`), where ĝ is the
 * goal expectation from shots: ĝ = c·SOT with c = Σgoals/ΣSOT over the given history, or, with
 * `useOffTarget`, ĝ = a·SOT + b·OFF (OFF = shots − SOT) with a, b the least-squares fit through
 * the origin of goals on (SOT, OFF). Shots of past matches are fair inputs, like their goals;
 * matches without them keep their goals.
 */
export function shotsProxyGoals(
  matches: readonly MatchResult[],
  share: number,
  useOffTarget = false,
): { home: Float64Array; away: Float64Array } {
  const n = matches.length;
  const g = new Float64Array(2 * n);
  const so = new Float64Array(2 * n);
  const off = new Float64Array(2 * n);
  const has = new Uint8Array(n);
  let sss = 0;
  let sso = 0;
  let soo = 0;
  let sgs = 0;
  let sgo = 0;
  let sumG = 0;
  let sumS = 0;
  matches.forEach((m, i) => {
    const st = m.stats;
    g[2 * i] = m.homeGoals;
    g[2 * i + 1] = m.awayGoals;
    if (st?.homeShotsOnTarget === undefined || st.awayShotsOnTarget === undefined) return;
    has[i] = 1;
    so[2 * i] = st.homeShotsOnTarget;
    so[2 * i + 1] = st.awayShotsOnTarget;
    if (useOffTarget) {
      off[2 * i] = Math.max(0, (st.homeShots ?? st.homeShotsOnTarget) - st.homeShotsOnTarget);
      off[2 * i + 1] = Math.max(0, (st.awayShots ?? st.awayShotsOnTarget) - st.awayShotsOnTarget);
    }
    for (const j of [2 * i, 2 * i + 1]) {
      sss += so[j]! * so[j]!;
      sso += so[j]! * off[j]!;
      soo += off[j]! * off[j]!;
      sgs += g[j]! * so[j]!;
      sgo += g[j]! * off[j]!;
      sumG += g[j]!;
      sumS += so[j]!;
    }
  });
  let a = sumS > 0 ? sumG / sumS : 0;
  let b = 0;
  const det = sss * soo - sso * sso;
  if (useOffTarget && det > 1e-9 * sss * soo) {
    a = (sgs * soo - sgo * sso) / det;
    b = (sgo * sss - sgs * sso) / det;
  }
  const home = new Float64Array(n);
  const away = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ok = has[i] === 1 && a > 0;
    home[i] = ok ? (1 - share) * g[2 * i]! + share * (a * so[2 * i]! + b * off[2 * i]!) : g[2 * i]!;
    away[i] = ok
      ? (1 - share) * g[2 * i + 1]! + share * (a * so[2 * i + 1]! + b * off[2 * i + 1]!)
      : g[2 * i + 1]!;
  }
  return { home, away };
}

/**
 * Multipliers of c per match side for team-specific finishing: the shooting side's goals per
 * shot on target over the history and the conceding side's, each shrunk to the league's c with
 * the weight of `k` shots on target, as ratios to c (1 = league average).
 */
export function finishingFactors(
  matches: readonly MatchResult[],
  k: number,
): { home: Float64Array; away: Float64Array } {
  const gf = new Map<string, number>();
  const sf = new Map<string, number>();
  const ga = new Map<string, number>();
  const sa = new Map<string, number>();
  let g = 0;
  let so = 0;
  const add = (m: Map<string, number>, t: string, v: number) => m.set(t, (m.get(t) ?? 0) + v);
  for (const m of matches) {
    const hs = m.stats?.homeShotsOnTarget;
    const as = m.stats?.awayShotsOnTarget;
    if (hs === undefined || as === undefined) continue;
    add(gf, m.home, m.homeGoals);
    add(sf, m.home, hs);
    add(ga, m.away, m.homeGoals);
    add(sa, m.away, hs);
    add(gf, m.away, m.awayGoals);
    add(sf, m.away, as);
    add(ga, m.home, m.awayGoals);
    add(sa, m.home, as);
    g += m.homeGoals + m.awayGoals;
    so += hs + as;
  }
  const c = so > 0 ? g / so : 0;
  const rate = (goals: Map<string, number>, shots: Map<string, number>, t: string) =>
    c > 0 ? ((goals.get(t) ?? 0) + k * c) / ((shots.get(t) ?? 0) + k) / c : 1;
  const home = new Float64Array(matches.length);
  const away = new Float64Array(matches.length);
  matches.forEach((m, i) => {
    home[i] = rate(gf, sf, m.home) * rate(ga, sa, m.away);
    away[i] = rate(gf, sf, m.away) * rate(ga, sa, m.home);
  });
  return { home, away };
}

/** {@link shotsProxyGoals} as matches whose goals are the proxies. */
export function shotsProxy(
  matches: readonly MatchResult[],
  share: number,
  useOffTarget = false,
): MatchResult[] {
  const { home, away } = shotsProxyGoals(matches, share, useOffTarget);
  return matches.map((m, i) => ({ ...m, homeGoals: home[i]!, awayGoals: away[i]! }));
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
  const xi = options.xi ?? PRODUCTION_DEFAULTS.xi;
  const share = options.shotsShare ?? PRODUCTION_DEFAULTS.shotsShare;
  const maxHistoryDays = options.maxHistoryDays ?? 1200;
  const pool = options.pooling === 'logarithmic' ? logPoolProbs : blendProbs;

  /** Component forecasts of one fixture from a state (used for prediction and stacking). */
  const componentProbs = (state: ProductionState, home: string, away: string) => {
    const dc = expectedGoals(state.dixonColes, home, away);
    const sh = expectedGoals(state.shots, home, away);
    const components: Record<ComponentName, Probs1x2> = {
      dixonColes: outcomeProbs(scoreMatrixFromRates(dc.lambda, dc.mu, state.dixonColes.rho)),
      shots: outcomeProbs(scoreMatrixFromRates(sh.lambda, sh.mu, state.dixonColes.rho)),
      elo: predictElo(state.elo, home, away),
    };
    return components;
  };

  /**
   * The previous buffer plus the matches in [previous.asOf, asOf), predicted by the previous
   * state: it saw none of them, so these forecasts are out of sample.
   */
  const collectOos = (
    prev: ProductionState | undefined,
    history: readonly MatchResult[],
    asOf: string,
    window: number,
  ): OosBuffer => {
    const buf: OosBuffer = prev
      ? { date: [...prev.oos.date], probs: [...prev.oos.probs], outcome: [...prev.oos.outcome] }
      : { date: [], probs: [], outcome: [] };
    if (!prev || prev.asOf > asOf) return buf;
    for (const m of history) {
      if (m.date < prev.asOf || m.date >= asOf) continue;
      let c: Record<ComponentName, Probs1x2>;
      try {
        c = componentProbs(prev, m.home, m.away);
      } catch {
        continue; // a team the previous fit did not rate (not a fixture then): skip
      }
      buf.date.push(m.date);
      buf.probs.push(COMPONENTS.map((k) => c[k]));
      buf.outcome.push(m.homeGoals > m.awayGoals ? 0 : m.homeGoals === m.awayGoals ? 1 : 2);
    }
    const drop = Math.max(0, buf.outcome.length - window);
    return {
      date: buf.date.slice(drop),
      probs: buf.probs.slice(drop),
      outcome: buf.outcome.slice(drop),
    };
  };
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
        priorWeight: options.priorWeight ?? PRODUCTION_DEFAULTS.priorWeight,
        redCardWeight: options.redCardWeight ?? PRODUCTION_DEFAULTS.redCardWeight,
        ...(options.levelXi !== undefined ? { levelXi: options.levelXi } : {}),
        ...(options.newcomerPrior ? { newcomerPrior: options.newcomerPrior } : {}),
        ...(options.levelPriorWeight !== undefined
          ? { levelPriorWeight: options.levelPriorWeight }
          : {}),
      };
      // One preparation (teams, weights, priors) serves both fits; the shots fit swaps the
      // scores for the expected-goal proxies of the same matches.
      const prep = prepareDixonColes(recent, common);
      const dixonColes = solveDixonColes(prep, {
        ...common,
        ...(prev ? { init: prev.dixonColes } : {}),
      });
      const proxy = shotsProxyGoals(recent, share, options.useOffTarget ?? false);
      const finishing =
        options.finishingShrink === null
          ? null
          : (options.finishingShrink ?? PRODUCTION_DEFAULTS.finishingShrink);
      if (finishing !== null) {
        // Only the shots part of the proxy scales: x̃ = (1 − s)·goals + s·c·SOT·finishing.
        const f = finishingFactors(recent, finishing);
        recent.forEach((m, i) => {
          const gh = (1 - share) * m.homeGoals;
          const ga = (1 - share) * m.awayGoals;
          proxy.home[i] = gh + (proxy.home[i]! - gh) * f.home[i]!;
          proxy.away[i] = ga + (proxy.away[i]! - ga) * f.away[i]!;
        });
      }
      const shots = solveDixonColes(
        prep,
        {
          ...common,
          xi: options.shotsXi ?? xi,
          fixedRho: 0,
          ...(prev ? { init: prev.shots } : {}),
        },
        {
          home: Float64Array.from(prep.usedIndex, (i) => proxy.home[i]!),
          away: Float64Array.from(prep.usedIndex, (i) => proxy.away[i]!),
        },
      );
      const elo = fitElo(history, asOf, options.elo ?? ELO_DEFAULTS, teams, prev?.elo);
      const oos = collectOos(prev, history, asOf, options.stackingWindow ?? 1900);
      let weights = options.weights
        ? [...options.weights]
        : COMPONENTS.map(() => 1 / COMPONENTS.length);
      let weightsAsOf: string | null = null;
      const fresh =
        prev?.weightsAsOf != null &&
        prev.weightsAsOf <= asOf &&
        addDays(prev.weightsAsOf, options.stackingRefitDays ?? 28) > asOf;
      if (fresh) {
        weights = [...prev.weights];
        weightsAsOf = prev.weightsAsOf;
      } else if (
        (options.onlineStacking ?? true) &&
        oos.outcome.length >= (options.stackingMin ?? 380)
      ) {
        weightsAsOf = asOf;
        weights =
          options.pooling === 'logarithmic'
            ? fitLogPoolWeights(oos.probs, oos.outcome).weights
            : fitBlendWeights(oos.probs, oos.outcome, prev ? { init: prev.weights } : {}).weights;
      }
      return {
        kind: 'production',
        asOf,
        options,
        dixonColes,
        shots,
        elo,
        weights,
        weightsAsOf,
        oos,
      };
    },
    predictProbs: (state, home, away) => {
      const components = componentProbs(state, home, away);
      const probs = pool(
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
      const probs = pool(
        COMPONENTS.map((c) => components[c]),
        state.weights,
      );
      // Score matrix: the goal-model matrices pooled with their own weights, then conformed to
      // the blended 1X2 so every market agrees with it.
      const wd = Math.abs(state.weights[0]!);
      const ws = Math.abs(state.weights[1]!);
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
