import type { Outcome, Probs1x2 } from './types';

/**
 * Ranked probability score for ordered outcomes (home, draw, away):
 * RPS = ½·Σ_{k=1}^{2} (Σ_{j≤k} pⱼ − Σ_{j≤k} oⱼ)², in [0, 1]; lower is better.
 */
export function rps(probs: Probs1x2, outcome: Outcome): number {
  const c1 = probs[0] - (outcome === 0 ? 1 : 0);
  const c2 = probs[0] + probs[1] - (outcome <= 1 ? 1 : 0);
  return 0.5 * (c1 * c1 + c2 * c2);
}

/** Log loss −ln p_outcome (natural log); a zero probability gives +Infinity. */
export function logLoss(probs: Probs1x2, outcome: Outcome): number {
  return -Math.log(probs[outcome]);
}

/** Brier score Σ_k (p_k − o_k)² summed over the three outcomes, in [0, 2]. */
export function brier(probs: Probs1x2, outcome: Outcome): number {
  let s = 0;
  for (let k = 0; k < 3; k++) {
    const d = probs[k as Outcome] - (k === outcome ? 1 : 0);
    s += d * d;
  }
  return s;
}

/** Outcome index from a final score: 0 home win, 1 draw, 2 away win. */
export function outcomeOf(homeGoals: number, awayGoals: number): Outcome {
  return homeGoals > awayGoals ? 0 : homeGoals === awayGoals ? 1 : 2;
}

export interface MetricSummary {
  n: number;
  rps: number;
  logLoss: number;
  brier: number;
}

/** Means of RPS, log loss and Brier over matches. */
export function summarize(probs: readonly Probs1x2[], outcomes: readonly Outcome[]): MetricSummary {
  if (probs.length !== outcomes.length) throw new Error('summarize: length mismatch');
  let r = 0;
  let l = 0;
  let b = 0;
  probs.forEach((p, i) => {
    r += rps(p, outcomes[i]!);
    l += logLoss(p, outcomes[i]!);
    b += brier(p, outcomes[i]!);
  });
  const n = probs.length;
  return { n, rps: n ? r / n : NaN, logLoss: n ? l / n : NaN, brier: n ? b / n : NaN };
}

export interface CalibrationBin {
  lo: number;
  hi: number;
  n: number;
  meanPredicted: number;
  observedFrequency: number;
}

/**
 * Reliability table: each of the three outcome probabilities of every match is one forecast;
 * forecasts are grouped into `bins` equal-width bins on [0, 1]. ECE = Σ_b (n_b/N)·|ō_b − p̄_b|.
 */
export function calibration(
  probs: readonly Probs1x2[],
  outcomes: readonly Outcome[],
  bins = 10,
): { bins: CalibrationBin[]; ece: number } {
  const sumP = new Array<number>(bins).fill(0);
  const sumO = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    for (let k = 0; k < 3; k++) {
      const v = p[k as Outcome];
      const b = Math.min(bins - 1, Math.floor(v * bins));
      sumP[b] = sumP[b]! + v;
      sumO[b] = sumO[b]! + (outcomes[i] === k ? 1 : 0);
      count[b] = count[b]! + 1;
    }
  });
  const total = count.reduce((s, c) => s + c, 0);
  let ece = 0;
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b]!;
    const meanPredicted = n ? sumP[b]! / n : NaN;
    const observedFrequency = n ? sumO[b]! / n : NaN;
    if (n) ece += (n / total) * Math.abs(observedFrequency - meanPredicted);
    out.push({ lo: b / bins, hi: (b + 1) / bins, n, meanPredicted, observedFrequency });
  }
  return { bins: out, ece };
}
