import { describe, expect, it } from '@jest/globals';
import { blendProbs, fitBlendWeights, fitLogPoolWeights, logPoolProbs } from './blend';
import { createRng } from './rng';
import type { Outcome, Probs1x2 } from './types';

/** Outcomes drawn from "true" probabilities; component A is the truth, B the truth plus noise. */
function scenario(noise: number, seed: number) {
  const rng = createRng(seed);
  const preds: Probs1x2[][] = [];
  const outcomes: Outcome[] = [];
  for (let i = 0; i < 3000; i++) {
    const h = 0.25 + 0.4 * rng();
    const d = 0.22 + 0.08 * rng();
    const truth: Probs1x2 = [h, d, 1 - h - d];
    const u = rng();
    outcomes.push(u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2);
    // Noise on the logit scale, renormalised.
    const noisy = truth.map((p) => p * Math.exp(noise * (rng() - 0.5) * 2));
    const s = noisy.reduce((a, b) => a + b, 0);
    // A third, uninformative component: league base rates.
    preds.push([truth, noisy.map((p) => p / s) as Probs1x2, [0.45, 0.25, 0.3]]);
  }
  return { preds, outcomes };
}

describe('fitBlendWeights', () => {
  it('returns convex weights', () => {
    const { preds, outcomes } = scenario(0.3, 1);
    const fit = fitBlendWeights(preds, outcomes);
    expect(fit.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    fit.weights.forEach((w) => expect(w).toBeGreaterThanOrEqual(0));
  });

  it('drops the weight of a component as noise is added to it', () => {
    const weightOfNoisy = [0, 0.5, 1.5].map(
      (noise) =>
        fitBlendWeights(...(Object.values(scenario(noise, 7)) as [Probs1x2[][], Outcome[]]))
          .weights[1]!,
    );
    expect(weightOfNoisy[1]!).toBeLessThan(weightOfNoisy[0]!);
    expect(weightOfNoisy[2]!).toBeLessThan(weightOfNoisy[1]!);
    expect(weightOfNoisy[2]!).toBeLessThan(0.1);
  });

  it('never does worse in-sample than the best single component', () => {
    const { preds, outcomes } = scenario(0.5, 11);
    const fit = fitBlendWeights(preds, outcomes);
    for (let k = 0; k < 3; k++) {
      const single = preds.reduce((s, p, i) => s - Math.log(p[k]![outcomes[i]!]), 0) / preds.length;
      // Up to the optimiser tolerance (the optimum may sit on a vertex of the simplex).
      expect(fit.logLoss).toBeLessThanOrEqual(single + 1e-4);
    }
  });

  it('blendProbs is the linear pool', () => {
    const p = blendProbs(
      [
        [0.5, 0.3, 0.2],
        [0.2, 0.3, 0.5],
      ],
      [0.75, 0.25],
    );
    expect(p[0]).toBeCloseTo(0.425, 12);
    expect(p[2]).toBeCloseTo(0.275, 12);
  });
});

describe('logarithmic pool', () => {
  it('normalises Π pₖ^{wₖ} and reduces to a component with weights (1, 0)', () => {
    const a: Probs1x2 = [0.5, 0.3, 0.2];
    const b: Probs1x2 = [0.2, 0.3, 0.5];
    const one = logPoolProbs([a, b], [1, 0]);
    one.forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 12));
    const both = logPoolProbs([a, b], [0.5, 0.5]);
    expect(both[0] + both[1] + both[2]).toBeCloseTo(1, 12);
    expect(both[0]).toBeCloseTo(both[2], 12);
  });

  it('learns a weight above 1 for an underconfident forecaster', () => {
    const { preds, outcomes } = scenario(0, 3);
    // Flatten the true probabilities: p^0.6, renormalised.
    const flat = preds.map((p) => [logPoolProbs([p[0]!], [0.6])]);
    const fit = fitLogPoolWeights(flat, outcomes);
    expect(fit.weights[0]!).toBeGreaterThan(1.3);
    expect(fit.weights[0]!).toBeLessThan(2.1);
  });
});
