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
  opts: { ridge?: number; sampleWeights?: readonly number[]; init?: readonly number[] } = {},
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
  // Warm start from earlier weights when given (softmax is invariant to a shift of z).
  const z0 = new Float64Array(K);
  if (opts.init && opts.init.length === K) {
    for (let k = 0; k < K; k++) z0[k] = Math.log(Math.max(1e-6, opts.init[k]!));
  }
  const res = minimizeLbfgs(f, z0, { gradTol: 1e-5, relTol: 1e-9, maxIterations: 200 });
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

/**
 * Logarithmic (logit-linear) pool: p(o) ∝ Πₖ pₖ(o)^{wₖ}, wₖ ≥ 0. Unlike the linear pool the
 * weights need not sum to 1, so the pool can sharpen (Σw > 1) components that agree.
 */
export function logPoolProbs(
  components: readonly Probs1x2[],
  weights: readonly number[],
): Probs1x2 {
  const logs = [0, 0, 0];
  components.forEach((p, k) => {
    for (let o = 0; o < 3; o++) logs[o] = logs[o]! + weights[k]! * Math.log(p[o as Outcome]);
  });
  const m = Math.max(...logs);
  const e = logs.map((l) => Math.exp(l - m));
  const s = e[0]! + e[1]! + e[2]!;
  return [e[0]! / s, e[1]! / s, e[2]! / s];
}

/**
 * Weights of the logarithmic pool fitted on out-of-sample forecasts: minimise the mean log loss
 * −(1/N)·Σᵢ log p_i(oᵢ) with wₖ = exp(zₖ); ∂(−log p(o))/∂wₖ = −log pₖ(o) + Σⱼ p(j)·log pₖ(j).
 */
export function fitLogPoolWeights(
  predictions: readonly (readonly Probs1x2[])[],
  outcomes: readonly Outcome[],
): BlendFit {
  const n = predictions.length;
  if (n === 0 || n !== outcomes.length) throw new Error('fitLogPoolWeights: need matched data');
  const K = predictions[0]!.length;
  const L = new Float64Array(n * K * 3);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      for (let o = 0; o < 3; o++)
        L[(i * K + k) * 3 + o] = Math.log(predictions[i]![k]![o as Outcome]);
    }
  }
  const w = new Float64Array(K);
  const f = (z: Float64Array, g: Float64Array): number => {
    for (let k = 0; k < K; k++) w[k] = Math.exp(z[k]!);
    g.fill(0);
    let loss = 0;
    const lp = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      lp[0] = 0;
      lp[1] = 0;
      lp[2] = 0;
      for (let k = 0; k < K; k++) {
        const base = (i * K + k) * 3;
        for (let o = 0; o < 3; o++) lp[o] = lp[o]! + w[k]! * L[base + o]!;
      }
      const m = Math.max(lp[0], lp[1], lp[2]);
      const e0 = Math.exp(lp[0] - m);
      const e1 = Math.exp(lp[1] - m);
      const e2 = Math.exp(lp[2] - m);
      const s = e0 + e1 + e2;
      const oi = outcomes[i]!;
      loss -= lp[oi]! - m - Math.log(s);
      const p = [e0 / s, e1 / s, e2 / s];
      for (let k = 0; k < K; k++) {
        const base = (i * K + k) * 3;
        const expected = p[0]! * L[base]! + p[1]! * L[base + 1]! + p[2]! * L[base + 2]!;
        g[k] = g[k]! + (-L[base + oi]! + expected) * w[k]!;
      }
    }
    for (let k = 0; k < K; k++) g[k] = g[k]! / n;
    return loss / n;
  };
  const res = minimizeLbfgs(f, new Float64Array(K).fill(Math.log(1 / K)), {
    gradTol: 1e-9,
    maxIterations: 500,
  });
  return { weights: Array.from(res.x, (z) => Math.exp(z)), logLoss: res.f };
}
