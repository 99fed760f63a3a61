import { describe, expect, it } from '@jest/globals';
import { createRng } from '../rng';
import {
  createWorkspace,
  encodeMatches,
  negLogLikelihood,
  parameterCount,
  type RatingPrior,
} from './likelihood';

function setup(nonInteger: boolean) {
  const rng = createRng(7);
  const nT = 6;
  const n = 60;
  const home: number[] = [];
  const away: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (let k = 0; k < n; k++) {
    const h = Math.floor(rng() * nT);
    const a = (h + 1 + Math.floor(rng() * (nT - 1))) % nT;
    home.push(h);
    away.push(a);
    // Plenty of low scores so every τ branch is exercised.
    const gx = Math.floor(rng() * 3);
    const gy = Math.floor(rng() * 3);
    x.push(nonInteger ? gx + 0.37 * rng() : gx);
    y.push(nonInteger ? gy + 0.37 * rng() : gy);
    w.push(0.2 + rng());
  }
  const data = encodeMatches(nT, home, away, x, y, w);
  const prior: RatingPrior = {
    weight: 2.5,
    attackMean: Float64Array.from([0.1, -0.2, 0, 0, 0.05, -0.1]),
    defenceMean: Float64Array.from([0, 0.1, -0.15, 0, 0, 0.2]),
  };
  const theta = new Float64Array(parameterCount(nT));
  for (let i = 0; i < theta.length; i++) theta[i] = 0.3 * (rng() - 0.5);
  theta[2 * nT] = 0.2;
  theta[2 * nT + 1] = 0.25;
  theta[2 * nT + 2] = -0.08;
  return { data, prior, theta, ws: createWorkspace(data) };
}

function checkGradient(nonInteger: boolean, fixedRho?: number) {
  const { data, prior, theta, ws } = setup(nonInteger);
  const grad = new Float64Array(theta.length);
  negLogLikelihood(theta, grad, data, prior, ws, fixedRho);
  const scratch = new Float64Array(theta.length);
  const h = 1e-6;
  for (let i = 0; i < theta.length; i++) {
    const tp = Float64Array.from(theta);
    const tm = Float64Array.from(theta);
    tp[i] = tp[i]! + h;
    tm[i] = tm[i]! - h;
    const fd =
      (negLogLikelihood(tp, scratch, data, prior, ws, fixedRho) -
        negLogLikelihood(tm, scratch, data, prior, ws, fixedRho)) /
      (2 * h);
    expect(Math.abs(grad[i]! - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
  }
}

describe('negLogLikelihood gradient', () => {
  it('matches central finite differences (ρ free, integer scores)', () => {
    checkGradient(false);
  });
  it('matches central finite differences (ρ fixed at 0, expected-goal proxies)', () => {
    checkGradient(true, 0);
  });
  it('has no component along the flat centring direction', () => {
    const { data, prior, theta, ws } = setup(false);
    const grad = new Float64Array(theta.length);
    negLogLikelihood(theta, grad, data, prior, ws);
    const nT = data.nTeams;
    let sa = 0;
    let sd = 0;
    for (let i = 0; i < nT; i++) {
      sa += grad[i]!;
      sd += grad[nT + i]!;
    }
    expect(Math.abs(sa)).toBeLessThan(1e-9);
    expect(Math.abs(sd)).toBeLessThan(1e-9);
  });
  it('returns Infinity where τ would be negative', () => {
    const { data, prior, theta, ws } = setup(false);
    theta[2 * data.nTeams + 2] = 5;
    expect(negLogLikelihood(theta, new Float64Array(theta.length), data, prior, ws)).toBe(Infinity);
  });
});
