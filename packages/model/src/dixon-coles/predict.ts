import type { DixonColesParams, ScoreMatrix } from '../types';
import { UnknownTeamError } from '../types';
import { tau } from './tau';

export interface PredictOptions {
  /** Largest number of goals per side in the matrix (default 10). */
  maxGoals?: number;
}

/** Poisson pmf values Pois(k; λ) for k = 0 … maxGoals, by the recurrence p(k) = p(k−1)·λ/k. */
export function poissonPmf(lambda: number, maxGoals: number): number[] {
  const out = new Array<number>(maxGoals + 1);
  let p = Math.exp(-lambda);
  out[0] = p;
  for (let k = 1; k <= maxGoals; k++) {
    p *= lambda / k;
    out[k] = p;
  }
  return out;
}

/**
 * Score matrix from the two goal means: P(x, y) = τ(x, y, λ, μ, ρ)·Pois(x; λ)·Pois(y; μ),
 * x, y ≤ maxGoals, renormalised so the cells sum to 1 (the truncated tail is ≈ 1e-6 at λ = 3).
 */
export function scoreMatrixFromRates(
  lambda: number,
  mu: number,
  rho: number,
  maxGoals = 10,
): ScoreMatrix {
  const px = poissonPmf(lambda, maxGoals);
  const py = poissonPmf(mu, maxGoals);
  const p: number[][] = [];
  let total = 0;
  for (let x = 0; x <= maxGoals; x++) {
    const row = new Array<number>(maxGoals + 1);
    for (let y = 0; y <= maxGoals; y++) {
      const v = Math.max(0, tau(x, y, lambda, mu, rho) * px[x]! * py[y]!);
      row[y] = v;
      total += v;
    }
    p.push(row);
  }
  for (const row of p) for (let y = 0; y <= maxGoals; y++) row[y] = row[y]! / total;
  return { maxGoals, p, lambda, mu };
}

/**
 * Goal means for a fixture: λ = exp(γ + η + α_home − β_away), μ = exp(γ + α_away − β_home).
 * Throws {@link UnknownTeamError} for a team the parameters do not rate.
 */
export function expectedGoals(
  params: DixonColesParams,
  home: string,
  away: string,
): { lambda: number; mu: number } {
  const h = params.teams.indexOf(home);
  if (h < 0) throw new UnknownTeamError(home);
  const a = params.teams.indexOf(away);
  if (a < 0) throw new UnknownTeamError(away);
  return {
    lambda: Math.exp(
      params.intercept + params.homeAdvantage + params.attack[h]! - params.defence[a]!,
    ),
    mu: Math.exp(params.intercept + params.attack[a]! - params.defence[h]!),
  };
}

/**
 * The Dixon-Coles score matrix for home vs away: τ-adjusted product of Poisson(λ) and
 * Poisson(μ), see {@link scoreMatrixFromRates}.
 */
export function predictScoreMatrix(
  params: DixonColesParams,
  home: string,
  away: string,
  opts: PredictOptions = {},
): ScoreMatrix {
  const { lambda, mu } = expectedGoals(params, home, away);
  return scoreMatrixFromRates(lambda, mu, params.rho, opts.maxGoals ?? 10);
}

/** P(home win), P(draw), P(away win) from a score matrix: sums below, on, above the diagonal. */
export function outcomeProbs(matrix: ScoreMatrix): [number, number, number] {
  let h = 0;
  let d = 0;
  let a = 0;
  const n = matrix.maxGoals;
  for (let x = 0; x <= n; x++) {
    const row = matrix.p[x]!;
    for (let y = 0; y <= n; y++) {
      if (x > y) h += row[y]!;
      else if (x === y) d += row[y]!;
      else a += row[y]!;
    }
  }
  return [h, d, a];
}
