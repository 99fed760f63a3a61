import { minimizeLbfgs } from './optim/lbfgs';
import type { Outcome, Probs1x2 } from './types';

export interface BlendFit {
  /** Convex weights wₖ ≥ 0, Σ wₖ = 1, one per component. */
  weights: number[];
  /** Mean log loss of the blend on the fitting data. */
  logLoss: number;
}

/**
 * Linear opinion pool p = Σₖ wₖ·pₖ of component 1X2 forecasts.
 */
export function blendProbs(components: readonly Probs1x2[], weights: readonly number[]): Probs1x2 {
  const out: Probs1x2 = [0, 0, 0];
  components.forEach((p, k) => {
    const w = weights[k]!;
    out[0] += w * p[0];
    out[1] += w * p[1];
    out[2] += w * p[2];
  });
  return out;
}

/**
 * Stacking weights for a linear pool, fitted on OUT-OF-SAMPLE component forecasts:
 * minimise −(1/N)·Σᵢ log Σₖ wₖ·p_{k,i}(oᵢ) over the simplex, with w = softmax(z) and L-BFGS on z
 * (a tiny ridge on z makes the minimiser unique when two components coincide).
 * `predictions[i][k]` is component k's forecast for match i.
 */
export function fitBlendWeights(
  predictions: readonly (readonly Probs1x2[])[],
  outcomes: readonly Outcome[],
  opts: { ridge?: number; sampleWeights?: readonly number[] } = {},
): BlendFit {
  const n = predictions.length;
  if (n === 0 || n !== outcomes.length) throw new Error('fitBlendWeights: need matched data');
  const K = predictions[0]!.length;
  const ridge = opts.ridge ?? 1e-6;
  const sw = opts.sampleWeights;
  const totalW = sw ? sw.reduce((a, b) => a + b, 0) : n;
  // The only numbers needed are each component's probability of what happened.
  const q = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) q[i * K + k] = predictions[i]![k]![outcomes[i]!];
  }
  const w = new Float64Array(K);
  const gw = new Float64Array(K);
  const softmax = (z: Float64Array) => {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, z[k]!);
    let s = 0;
    for (let k = 0; k < K; k++) {
      w[k] = Math.exp(z[k]! - m);
      s += w[k]!;
    }
    for (let k = 0; k < K; k++) w[k] = w[k]! / s;
  };
  const f = (z: Float64Array, g: Float64Array): number => {
    softmax(z);
    gw.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let p = 0;
      for (let k = 0; k < K; k++) p += w[k]! * q[i * K + k]!;
      const si = sw ? sw[i]! : 1;
      loss -= si * Math.log(p);
      for (let k = 0; k < K; k++) gw[k] = gw[k]! - (si * q[i * K + k]!) / p;
    }
    loss /= totalW;
    // Chain rule through softmax: ∂L/∂zⱼ = wⱼ(∂L/∂wⱼ − Σₖ wₖ ∂L/∂wₖ).
    let avg = 0;
    for (let k = 0; k < K; k++) avg += w[k]! * gw[k]!;
    for (let k = 0; k < K; k++) g[k] = (w[k]! * (gw[k]! - avg)) / totalW + ridge * z[k]!;
    let pen = 0;
    for (let k = 0; k < K; k++) pen += 0.5 * ridge * z[k]! * z[k]!;
    return loss + pen;
  };
  const res = minimizeLbfgs(f, new Float64Array(K), { gradTol: 1e-9, maxIterations: 500 });
  softmax(res.x);
  const weights = Array.from(w);
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let p = 0;
    for (let k = 0; k < K; k++) p += weights[k]! * q[i * K + k]!;
    ll -= (sw ? sw[i]! : 1) * Math.log(p);
  }
  return { weights, logLoss: ll / totalW };
}
