import { rps } from './metrics';
import { createRng } from './rng';
import type { Outcome, Probs1x2 } from './types';

/** A mean RPS with its bootstrap 95% interval. */
export interface RpsInterval {
  n: number;
  rps: number;
  lo: number;
  hi: number;
}

/** Mean RPS of forecast A minus forecast B on the same matches, with its uncertainty. */
export interface PairedDifference extends RpsInterval {
  /** Diebold-Mariano statistic: mean difference over its standard error (0 when all equal). */
  dm: number;
  /** Two-sided p-value of the DM statistic under a normal approximation. */
  p: number;
}

export interface BootstrapOptions {
  /** Resamples (default 2,000). */
  reps?: number;
  /** Seed of the resampling, so a report prints the same interval every time (default 1). */
  seed?: number;
}

/**
 * Percentile bootstrap of a mean over matches: resamples matches with replacement. Matches are
 * treated as independent, which is close to true for RPS contributions of different fixtures
 * (a round's matches share a refit, not an outcome).
 */
function bootstrapMean(values: Float64Array, opts: BootstrapOptions): [number, number] {
  const n = values.length;
  if (n === 0) return [NaN, NaN];
  const reps = opts.reps ?? 2000;
  const rng = createRng(opts.seed ?? 1);
  const means = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rng() * n)]!;
    means[r] = s / n;
  }
  means.sort();
  return [means[Math.floor(0.025 * (reps - 1))]!, means[Math.ceil(0.975 * (reps - 1))]!];
}

const mean = (v: Float64Array) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);

/** Mean RPS of the forecasts with a percentile-bootstrap 95% interval. */
export function rpsInterval(
  probs: readonly Probs1x2[],
  outcomes: readonly Outcome[],
  opts: BootstrapOptions = {},
): RpsInterval {
  const v = Float64Array.from(probs, (p, i) => rps(p, outcomes[i]!));
  const [lo, hi] = bootstrapMean(v, opts);
  return { n: v.length, rps: mean(v), lo, hi };
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 through erf; |error| < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * RPS(A) − RPS(B) on the same matches (negative: A is better), with a paired-bootstrap 95%
 * interval and the Diebold-Mariano test on the per-match differences.
 */
export function pairedRpsDifference(
  a: readonly Probs1x2[],
  b: readonly Probs1x2[],
  outcomes: readonly Outcome[],
  opts: BootstrapOptions = {},
): PairedDifference {
  if (a.length !== b.length || a.length !== outcomes.length)
    throw new Error('pairedRpsDifference: forecasts and outcomes must be paired');
  const d = Float64Array.from(a, (p, i) => rps(p, outcomes[i]!) - rps(b[i]!, outcomes[i]!));
  const m = mean(d);
  const [lo, hi] = bootstrapMean(d, opts);
  let ss = 0;
  for (const x of d) ss += (x - m) * (x - m);
  const se = d.length > 1 ? Math.sqrt(ss / (d.length - 1) / d.length) : 0;
  const dm = se > 0 ? m / se : 0;
  return { n: d.length, rps: m, lo, hi, dm, p: se > 0 ? 2 * (1 - normalCdf(Math.abs(dm))) : 1 };
}
