// A tiny seeded random source for the simulated league. Math.random cannot be seeded, and the
// same seed must give the same league on every machine, so that a sandbox session (and its
// test) can be replayed.

/** Uniform numbers in [0, 1), the same sequence for the same seed. */
export type Random = () => number;

/** mulberry32: a 32-bit generator, small and good enough for made-up football results. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by Knuth's product of uniforms: exact, and fast for football-sized means. */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k += 1;
    product *= random();
  }
  return k;
}

/** A normal draw (Box–Muller). */
export function normal(random: Random, mean = 0, sd = 1): number {
  const u = 1 - random(); // (0, 1]: log(0) would be -Infinity
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** How many of n trials succeed with probability p. */
export function binomial(random: Random, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k += 1;
  return k;
}
