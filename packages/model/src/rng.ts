/** A source of uniform numbers in [0, 1); inject one so every random draw is reproducible. */
export type Rng = () => number;

/**
 * Seeded PRNG (mulberry32): 32-bit state, period 2³², good enough for simulation tests and
 * bootstraps, and identical on every platform because it uses only 32-bit integer arithmetic.
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Poisson draw with mean λ by inversion (Knuth's product method is slower for λ ≈ 1–3 and
 * inversion needs one uniform per draw, which keeps seeded streams easy to reason about).
 */
export function samplePoisson(rng: Rng, lambda: number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const u = rng();
  while (u > cdf && k < 1000) {
    k += 1;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}
