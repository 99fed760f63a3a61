/** Solves g(t) = 0 for increasing g on [lo, hi] by bisection (robust, 200 halvings max). */
function bisect(g: (t: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) hi = mid;
    else lo = mid;
    if (hi - lo < 1e-15) break;
  }
  return 0.5 * (lo + hi);
}

function implied(odds: readonly number[]): number[] {
  if (odds.length < 2 || odds.some((o) => !(o > 1))) {
    throw new Error('devig: need at least two decimal odds, each > 1');
  }
  return odds.map((o) => 1 / o);
}

/** Multiplicative (basic normalisation) de-vig: pᵢ = (1/oᵢ) / Σⱼ(1/oⱼ). */
export function devigMultiplicative(odds: readonly number[]): number[] {
  const pi = implied(odds);
  const s = pi.reduce((a, b) => a + b, 0);
  return pi.map((p) => p / s);
}

/**
 * Power de-vig: pᵢ = (1/oᵢ)^k with k chosen so that Σ pᵢ = 1 (k > 1 when the book is
 * overround). It takes more margin from long shots, reflecting the favourite-longshot bias.
 */
export function devigPower(odds: readonly number[]): number[] {
  const pi = implied(odds);
  const k = bisect((t) => 1 - pi.reduce((s, p) => s + p ** t, 0), 0.01, 100);
  return pi.map((p) => p ** k);
}

/**
 * Shin (1993) de-vig: with πᵢ = 1/oᵢ and booksum B = Σπ, the true probabilities given an insider
 * share z are pᵢ = (√(z² + 4(1 − z)·πᵢ²/B) − z) / (2(1 − z)); z ∈ [0, 1) solves Σ pᵢ = 1.
 * Returns the probabilities; {@link shinZ} gives z.
 */
export function devigShin(odds: readonly number[]): number[] {
  const pi = implied(odds);
  const z = shinZ(odds);
  const B = pi.reduce((a, b) => a + b, 0);
  const ps = pi.map((p) => (Math.sqrt(z * z + (4 * (1 - z) * p * p) / B) - z) / (2 * (1 - z)));
  // Remove the bisection residual so the result sums to 1 exactly.
  const s = ps.reduce((a, b) => a + b, 0);
  return ps.map((p) => p / s);
}

/** Shin's insider-trading share z for a set of decimal odds (0 when there is no overround). */
export function shinZ(odds: readonly number[]): number {
  const pi = implied(odds);
  const B = pi.reduce((a, b) => a + b, 0);
  if (B <= 1) return 0;
  const sumP = (z: number) =>
    pi.reduce((s, p) => s + (Math.sqrt(z * z + (4 * (1 - z) * p * p) / B) - z) / (2 * (1 - z)), 0);
  // Σp decreases in z; find the root of 1 − Σp(z), which is increasing.
  return bisect((z) => 1 - sumP(z), 0, 0.999);
}
