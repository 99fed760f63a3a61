// A tiny seeded random source for the simulated league. Math.random cannot be seeded, and the
// same seed must give the same league on every machine, so that a sandbox session (and its
// test) can be replayed.

import type { Rng } from '@scoreline/model';

// The seeded generator and the Poisson draw are the model package's (one implementation for
// simulations everywhere); the two draws below are the only ones the league needs beyond them.
export { createRng as mulberry32, samplePoisson as poisson } from '@scoreline/model';

/** Uniform numbers in [0, 1), the same sequence for the same seed. */
export type Random = Rng;

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
