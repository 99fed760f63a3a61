/**
 * Objective for the minimiser: returns f(x) and writes ∇f(x) into `grad`.
 * Return `Infinity` (or NaN) outside the domain; the line search then backs off.
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of correction pairs kept (memory m). */
  memory?: number;
  maxIterations?: number;
  /** Stop when ‖∇f‖∞ ≤ gradTol. */
  gradTol?: number;
  /** Stop when |f_k − f_{k+1}| ≤ relTol·max(1, |f_k|). */
  relTol?: number;
  /** Wolfe constants 0 < c1 < c2 < 1. */
  c1?: number;
  c2?: number;
  /**
   * Diagonal preconditioner D ≈ diag(∇²f)⁻¹ used as the initial inverse Hessian H₀ = γ·D.
   * Parameters on very different curvature scales (a league-wide intercept against one team's
   * rating) then converge in a few dozen iterations instead of hundreds.
   */
  inverseHessianDiagonal?: ArrayLike<number>;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  grad: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export interface LineSearchResult {
  step: number;
  f: number;
  evaluations: number;
  ok: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function infNorm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i]!));
  return s;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db); NaN when it does not exist. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

/**
 * Line search for a step α along descent direction p satisfying the strong Wolfe conditions
 * (Nocedal & Wright, Algorithms 3.5 and 3.6):
 *   f(x + αp) ≤ f(x) + c1·α·∇f(x)ᵀp            (sufficient decrease)
 *   |∇f(x + αp)ᵀp| ≤ c2·|∇f(x)ᵀp|                 (curvature)
 * Bracketing expands the step; zoom shrinks the bracket by safeguarded cubic interpolation.
 * On return `xOut`/`gOut` hold the new point and its gradient.
 */
export function wolfeLineSearch(
  fg: Objective,
  x: Float64Array,
  f0: number,
  g0: Float64Array,
  p: Float64Array,
  alpha0: number,
  xOut: Float64Array,
  gOut: Float64Array,
  c1 = 1e-4,
  c2 = 0.9,
): LineSearchResult {
  const d0 = dot(g0, p);
  let evaluations = 0;
  const evalAt = (a: number): [number, number] => {
    for (let i = 0; i < x.length; i++) xOut[i] = x[i]! + a * p[i]!;
    evaluations += 1;
    const f = fg(xOut, gOut);
    return [Number.isFinite(f) ? f : Infinity, dot(gOut, p)];
  };

  const zoom = (
    lo: number,
    flo: number,
    dlo: number,
    hi: number,
    fhi: number,
    dhi: number,
  ): LineSearchResult => {
    for (let k = 0; k < 40; k++) {
      let a = Number.isFinite(fhi) ? cubicMin(lo, flo, dlo, hi, fhi, dhi) : NaN;
      const left = Math.min(lo, hi);
      const width = Math.abs(hi - lo);
      // Safeguard: stay well inside the bracket, else bisect.
      if (!Number.isFinite(a) || a < left + 0.1 * width || a > left + 0.9 * width) {
        a = 0.5 * (lo + hi);
      }
      const [fa, da] = evalAt(a);
      if (fa > f0 + c1 * a * d0 || fa >= flo) {
        hi = a;
        fhi = fa;
        dhi = da;
      } else {
        if (Math.abs(da) <= -c2 * d0) return { step: a, f: fa, evaluations, ok: true };
        if (da * (hi - lo) >= 0) {
          hi = lo;
          fhi = flo;
          dhi = dlo;
        }
        lo = a;
        flo = fa;
        dlo = da;
      }
      if (Math.abs(hi - lo) < 1e-14 * Math.max(1, lo)) break;
    }
    // Bracket collapsed: return the best point found if it decreased f at all.
    const [fl] = evalAt(lo);
    return { step: lo, f: fl, evaluations, ok: lo > 0 && fl < f0 };
  };

  let prev = 0;
  let fPrev = f0;
  let dPrev = d0;
  let a = alpha0;
  for (let i = 0; i < 60; i++) {
    const [fa, da] = evalAt(a);
    if (!Number.isFinite(fa)) {
      // Outside the domain: the minimiser along p lies before a.
      return zoom(prev, fPrev, dPrev, a, Infinity, 0);
    }
    if (fa > f0 + c1 * a * d0 || (i > 0 && fa >= fPrev)) return zoom(prev, fPrev, dPrev, a, fa, da);
    if (Math.abs(da) <= -c2 * d0) return { step: a, f: fa, evaluations, ok: true };
    if (da >= 0) return zoom(a, fa, da, prev, fPrev, dPrev);
    prev = a;
    fPrev = fa;
    dPrev = da;
    a *= 2;
  }
  return { step: prev, f: fPrev, evaluations, ok: false };
}

/**
 * Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989). The search direction p = −H·∇f comes
 * from the two-loop recursion over the last m pairs sᵢ = x_{i+1} − xᵢ, yᵢ = ∇f_{i+1} − ∇fᵢ,
 * with initial scaling H₀ = (sᵀy / yᵀy)·I; steps satisfy the strong Wolfe conditions, which
 * guarantees sᵀy > 0 so the implicit inverse Hessian stays positive definite.
 */
export function minimizeLbfgs(
  fg: Objective,
  x0: ArrayLike<number>,
  opts: LbfgsOptions = {},
): LbfgsResult {
  const m = opts.memory ?? 8;
  const maxIter = opts.maxIterations ?? 500;
  const gradTol = opts.gradTol ?? 1e-6;
  const relTol = opts.relTol ?? 1e-12;
  const c1 = opts.c1 ?? 1e-4;
  const c2 = opts.c2 ?? 0.9;
  const n = x0.length;
  const D = opts.inverseHessianDiagonal
    ? Float64Array.from(opts.inverseHessianDiagonal)
    : undefined;
  const Dy = new Float64Array(n);

  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new Error('L-BFGS: objective is not finite at the starting point');

  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rhoS: number[] = [];
  const alphaBuf = new Float64Array(m);
  const p = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iterations = 0;
  let converged = infNorm(g) <= gradTol;

  while (!converged && iterations < maxIter) {
    // Two-loop recursion: p = −H ∇f.
    for (let i = 0; i < n; i++) p[i] = -g[i]!;
    const k = S.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rhoS[j]! * dot(S[j]!, p);
      alphaBuf[j] = a;
      const y = Y[j]!;
      for (let i = 0; i < n; i++) p[i] = p[i]! - a * y[i]!;
    }
    if (D) {
      // H₀ = γ·D with γ = sᵀy / yᵀDy (Shanno-Phua scaling in the preconditioned metric).
      let gamma = 1;
      if (k > 0) {
        const yLast = Y[k - 1]!;
        for (let i = 0; i < n; i++) Dy[i] = D[i]! * yLast[i]!;
        gamma = dot(S[k - 1]!, yLast) / dot(yLast, Dy);
      }
      for (let i = 0; i < n; i++) p[i] = p[i]! * gamma * D[i]!;
    } else if (k > 0) {
      const gamma = dot(S[k - 1]!, Y[k - 1]!) / dot(Y[k - 1]!, Y[k - 1]!);
      for (let i = 0; i < n; i++) p[i] = p[i]! * gamma;
    }
    for (let j = 0; j < k; j++) {
      const b = rhoS[j]! * dot(Y[j]!, p);
      const s = S[j]!;
      const coef = alphaBuf[j]! - b;
      for (let i = 0; i < n; i++) p[i] = p[i]! + coef * s[i]!;
    }
    let dirDeriv = dot(g, p);
    if (!(dirDeriv < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rhoS.length = 0;
      for (let i = 0; i < n; i++) p[i] = -g[i]! * (D ? D[i]! : 1);
      dirDeriv = dot(g, p);
    }
    // First step: unit step scaled so the move is modest; afterwards the quasi-Newton step 1.
    const alpha0 = k === 0 && !D ? Math.min(1, 1 / Math.max(1e-12, infNorm(g))) : 1;
    const ls = wolfeLineSearch(fg, x, f, g, p, alpha0, xNew, gNew, c1, c2);
    evaluations += ls.evaluations;
    iterations += 1;
    if (!ls.ok) {
      if (S.length === 0) break;
      // Drop the memory and retry along steepest descent next iteration.
      S.length = 0;
      Y.length = 0;
      rhoS.length = 0;
      continue;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-16) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rhoS.shift();
      }
      S.push(s);
      Y.push(y);
      rhoS.push(1 / sy);
    }
    const fOld = f;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = ls.f;
    if (infNorm(g) <= gradTol) converged = true;
    else if (Math.abs(fOld - f) <= relTol * Math.max(1, Math.abs(fOld))) converged = true;
  }
  return { x, f, grad: g, iterations, evaluations, converged };
}
