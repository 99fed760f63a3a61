import { describe, expect, it } from '@jest/globals';
import { minimizeLbfgs, wolfeLineSearch } from './lbfgs';

const rosenbrock = (x: Float64Array, g: Float64Array): number => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    f += 100 * a * a + b * b;
    g[i] = g[i]! - 400 * x[i]! * a - 2 * b;
    g[i + 1] = g[i + 1]! + 200 * a;
  }
  return f;
};

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const res = minimizeLbfgs(rosenbrock, [-1.2, 1, -1.2, 1, 0.5], { gradTol: 1e-9 });
    expect(res.converged).toBe(true);
    for (const v of res.x) expect(v).toBeCloseTo(1, 5);
    expect(res.f).toBeLessThan(1e-10);
  });

  it('solves an ill-conditioned quadratic, faster with a diagonal preconditioner', () => {
    const scales = [1, 10, 100, 1000, 10000];
    const quad = (x: Float64Array, g: Float64Array) => {
      let f = 0;
      scales.forEach((s, i) => {
        f += 0.5 * s * (x[i]! - i) ** 2;
        g[i] = s * (x[i]! - i);
      });
      return f;
    };
    const plain = minimizeLbfgs(quad, [5, 5, 5, 5, 5], { gradTol: 1e-8 });
    const pre = minimizeLbfgs(quad, [5, 5, 5, 5, 5], {
      gradTol: 1e-8,
      inverseHessianDiagonal: scales.map((s) => 1 / s),
    });
    for (const r of [plain, pre]) r.x.forEach((v, i) => expect(v).toBeCloseTo(i, 6));
    expect(pre.iterations).toBeLessThanOrEqual(2);
    expect(pre.iterations).toBeLessThan(plain.iterations);
  });

  it('backs off from points outside the domain (objective = Infinity)', () => {
    // f(x) = x − log x on x > 0, minimum at 1; a long first step lands at negative x.
    const f = (x: Float64Array, g: Float64Array) => {
      if (x[0]! <= 0) return Infinity;
      g[0] = 1 - 1 / x[0]!;
      return x[0]! - Math.log(x[0]!);
    };
    const res = minimizeLbfgs(f, [0.01], { gradTol: 1e-10 });
    expect(res.x[0]).toBeCloseTo(1, 8);
  });
});

describe('wolfeLineSearch', () => {
  it('returns a step satisfying the strong Wolfe conditions', () => {
    const x = Float64Array.from([-1.2, 1]);
    const g0 = new Float64Array(2);
    const f0 = rosenbrock(x, g0);
    const p = Float64Array.from([-g0[0]!, -g0[1]!]);
    const xOut = new Float64Array(2);
    const gOut = new Float64Array(2);
    const c1 = 1e-4;
    const c2 = 0.9;
    const ls = wolfeLineSearch(rosenbrock, x, f0, g0, p, 1, xOut, gOut, c1, c2);
    expect(ls.ok).toBe(true);
    const d0 = g0[0]! * p[0]! + g0[1]! * p[1]!;
    const d1 = gOut[0]! * p[0]! + gOut[1]! * p[1]!;
    expect(ls.f).toBeLessThanOrEqual(f0 + c1 * ls.step * d0);
    expect(Math.abs(d1)).toBeLessThanOrEqual(c2 * Math.abs(d0));
    // xOut / gOut hold the accepted point.
    expect(xOut[0]).toBeCloseTo(x[0]! + ls.step * p[0]!, 12);
    expect(rosenbrock(xOut, new Float64Array(2))).toBeCloseTo(ls.f, 12);
  });
});
