/**
 * Matches encoded once per fit as sufficient statistics, so one likelihood evaluation costs one
 * pass over distinct (home, away) pairings plus one over the low-score matches:
 * the Poisson part Σ φ(x log λ − λ) only needs Σφ, Σφx, Σφy per pairing, and τ ≠ 1 only for the
 * scores 0-0, 1-0, 0-1, 1-1. `x`, `y` may be non-integer (expected-goal proxies); such matches
 * never enter the τ list, and callers fix ρ = 0 for them.
 */
export interface EncodedMatches {
  nTeams: number;
  nPairs: number;
  pairHome: Int32Array;
  pairAway: Int32Array;
  /** Σφ, Σφ·x, Σφ·y over the matches of each pairing (φ = exp(−ξ·Δt)). */
  pairW: Float64Array;
  pairWX: Float64Array;
  pairWY: Float64Array;
  nLow: number;
  lowPair: Int32Array;
  lowX: Int8Array;
  lowY: Int8Array;
  lowW: Float64Array;
}

/** Builds {@link EncodedMatches} from per-match team indices, scores and weights φ. */
export function encodeMatches(
  nTeams: number,
  home: ArrayLike<number>,
  away: ArrayLike<number>,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
): EncodedMatches {
  const n = home.length;
  const pairOf = new Int32Array(nTeams * nTeams).fill(-1);
  const pairHome: number[] = [];
  const pairAway: number[] = [];
  const pairW: number[] = [];
  const pairWX: number[] = [];
  const pairWY: number[] = [];
  const lowPair: number[] = [];
  const lowX: number[] = [];
  const lowY: number[] = [];
  const lowW: number[] = [];
  for (let k = 0; k < n; k++) {
    const wk = w[k]!;
    if (!(wk > 0)) continue;
    const key = home[k]! * nTeams + away[k]!;
    let p = pairOf[key]!;
    if (p < 0) {
      p = pairHome.length;
      pairOf[key] = p;
      pairHome.push(home[k]!);
      pairAway.push(away[k]!);
      pairW.push(0);
      pairWX.push(0);
      pairWY.push(0);
    }
    pairW[p] = pairW[p]! + wk;
    pairWX[p] = pairWX[p]! + wk * x[k]!;
    pairWY[p] = pairWY[p]! + wk * y[k]!;
    const xk = x[k]!;
    const yk = y[k]!;
    if ((xk === 0 || xk === 1) && (yk === 0 || yk === 1)) {
      lowPair.push(p);
      lowX.push(xk);
      lowY.push(yk);
      lowW.push(wk);
    }
  }
  return {
    nTeams,
    nPairs: pairHome.length,
    pairHome: Int32Array.from(pairHome),
    pairAway: Int32Array.from(pairAway),
    pairW: Float64Array.from(pairW),
    pairWX: Float64Array.from(pairWX),
    pairWY: Float64Array.from(pairWY),
    nLow: lowPair.length,
    lowPair: Int32Array.from(lowPair),
    lowX: Int8Array.from(lowX),
    lowY: Int8Array.from(lowY),
    lowW: Float64Array.from(lowW),
  };
}

/** Gaussian prior on the ratings: (κ/2)·Σᵢ[(αᵢ − mᵅᵢ)² + (βᵢ − mᵝᵢ)²]. */
export interface RatingPrior {
  /** Precision κ, in units of "matches' worth" of information. */
  weight: number;
  attackMean: Float64Array;
  defenceMean: Float64Array;
}

/**
 * Layout of the parameter vector θ (n teams):
 *   θ[0 … n−1]     a₁ … a_n   raw attacks;  αᵢ = aᵢ − mean(a)   (Σα = 0)
 *   θ[n … 2n−1]    b₁ … b_n   raw defences; βᵢ = bᵢ − mean(b)   (Σβ = 0)
 *   θ[2n]          γ (intercept: log of the away goal rate of an average pairing)
 *   θ[2n+1]        η (home advantage)
 *   θ[2n+2]        ρ
 * Centring removes the shift invariances (α + c, γ − c) and (β + c, γ + c), so γ carries the
 * league's scoring level and ratings are relative to the average team. Centring (rather than
 * eliminating α_n = −Σαᵢ) keeps the Hessian nearly diagonal in the ratings — the eliminated
 * form couples every attack to the last one with an n-times larger curvature along (1, …, 1),
 * which slows a quasi-Newton method down badly. The raw shift along (1, …, 1) is flat and the
 * gradient has no component along it.
 */
export function parameterCount(nTeams: number): number {
  return 2 * nTeams + 3;
}

/** Unpacks θ into centred attack α and defence β vectors (each summing to zero). */
export function unpackRatings(
  theta: ArrayLike<number>,
  nTeams: number,
  attack: Float64Array,
  defence: Float64Array,
): void {
  let sa = 0;
  let sd = 0;
  for (let i = 0; i < nTeams; i++) {
    sa += theta[i]!;
    sd += theta[nTeams + i]!;
  }
  sa /= nTeams;
  sd /= nTeams;
  for (let i = 0; i < nTeams; i++) {
    attack[i] = theta[i]! - sa;
    defence[i] = theta[nTeams + i]! - sd;
  }
}

/** Scratch buffers reused across evaluations so the optimiser loop allocates nothing. */
export interface LikelihoodWorkspace {
  attack: Float64Array;
  defence: Float64Array;
  gAttack: Float64Array;
  gDefence: Float64Array;
  lam: Float64Array;
  mu: Float64Array;
  gLam: Float64Array;
  gMu: Float64Array;
}

/** Allocates the scratch buffers for {@link negLogLikelihood}. */
export function createWorkspace(data: EncodedMatches): LikelihoodWorkspace {
  const nT = data.nTeams;
  const nP = data.nPairs;
  return {
    attack: new Float64Array(nT),
    defence: new Float64Array(nT),
    gAttack: new Float64Array(nT),
    gDefence: new Float64Array(nT),
    lam: new Float64Array(nP),
    mu: new Float64Array(nP),
    gLam: new Float64Array(nP),
    gMu: new Float64Array(nP),
  };
}

/**
 * Negative penalised weighted log-likelihood of Dixon & Coles (1997) and its analytic gradient:
 *
 *   −ℓ(θ) = −Σₖ φₖ [ log τ(xₖ, yₖ, λₖ, μₖ, ρ) + xₖ log λₖ − λₖ + yₖ log μₖ − μₖ ] + prior
 *   log λₖ = γ + η + α_{h(k)} − β_{a(k)},   log μₖ = γ + α_{a(k)} − β_{h(k)}
 *
 * (the log x! terms are constant and dropped). With ∂ℓ/∂log λ = x − λ + λ·∂log τ/∂λ (and the
 * same for μ), the chain rule through the linear predictors gives every component of ∇.
 * When `fixedRho` is a number ρ is held there and its gradient is zero.
 * Returns +Infinity where some τ ≤ 0 (outside the valid region of ρ).
 */
export function negLogLikelihood(
  theta: ArrayLike<number>,
  grad: Float64Array,
  data: EncodedMatches,
  prior: RatingPrior,
  ws: LikelihoodWorkspace,
  fixedRho?: number,
): number {
  const nT = data.nTeams;
  const { attack, defence, gAttack, gDefence, lam, mu, gLam, gMu } = ws;
  unpackRatings(theta, nT, attack, defence);
  const gamma = theta[2 * nT]!;
  const eta = theta[2 * nT + 1]!;
  const rho = fixedRho ?? theta[2 * nT + 2]!;
  let ll = 0;
  // Poisson part per pairing: Σφx·log λ − Σφ·λ (+ the same for μ); ∂/∂log λ = Σφx − Σφ·λ.
  const { pairHome, pairAway, pairW, pairWX, pairWY } = data;
  for (let p = 0; p < data.nPairs; p++) {
    const h = pairHome[p]!;
    const a = pairAway[p]!;
    const logLam = gamma + eta + attack[h]! - defence[a]!;
    const logMu = gamma + attack[a]! - defence[h]!;
    const l = Math.exp(logLam);
    const m = Math.exp(logMu);
    lam[p] = l;
    mu[p] = m;
    const W = pairW[p]!;
    ll += pairWX[p]! * logLam - W * l + pairWY[p]! * logMu - W * m;
    gLam[p] = pairWX[p]! - W * l;
    gMu[p] = pairWY[p]! - W * m;
  }
  // τ part over the low scores: log τ and ∂log τ/∂log λ = λ·∂log τ/∂λ, etc.
  let gRho = 0;
  const { lowPair, lowX, lowY, lowW } = data;
  for (let k = 0; k < data.nLow; k++) {
    const p = lowPair[k]!;
    const wk = lowW[k]!;
    const l = lam[p]!;
    const m = mu[p]!;
    if (lowX[k] === 0) {
      if (lowY[k] === 0) {
        const t = 1 - l * m * rho;
        if (t <= 0) return Infinity;
        ll += wk * Math.log(t);
        const d = (wk * l * m * rho) / t;
        gLam[p] = gLam[p]! - d;
        gMu[p] = gMu[p]! - d;
        gRho -= (wk * l * m) / t;
      } else {
        const t = 1 + l * rho;
        if (t <= 0) return Infinity;
        ll += wk * Math.log(t);
        gLam[p] = gLam[p]! + (wk * l * rho) / t;
        gRho += (wk * l) / t;
      }
    } else if (lowY[k] === 0) {
      const t = 1 + m * rho;
      if (t <= 0) return Infinity;
      ll += wk * Math.log(t);
      gMu[p] = gMu[p]! + (wk * m * rho) / t;
      gRho += (wk * m) / t;
    } else {
      const t = 1 - rho;
      if (t <= 0) return Infinity;
      ll += wk * Math.log(t);
      gRho -= wk / t;
    }
  }
  // Scatter the pairing gradients onto the ratings through the linear predictors.
  gAttack.fill(0);
  gDefence.fill(0);
  let gGamma = 0;
  let gEta = 0;
  for (let p = 0; p < data.nPairs; p++) {
    const h = pairHome[p]!;
    const a = pairAway[p]!;
    const gl = gLam[p]!;
    const gm = gMu[p]!;
    gAttack[h] = gAttack[h]! + gl;
    gAttack[a] = gAttack[a]! + gm;
    gDefence[a] = gDefence[a]! - gl;
    gDefence[h] = gDefence[h]! - gm;
    gGamma += gl + gm;
    gEta += gl;
  }
  // Negate (we minimise) and add the Gaussian prior on the full rating vectors.
  let f = -ll;
  const kappa = prior.weight;
  for (let i = 0; i < nT; i++) {
    const da = attack[i]! - prior.attackMean[i]!;
    const dd = defence[i]! - prior.defenceMean[i]!;
    f += 0.5 * kappa * (da * da + dd * dd);
    gAttack[i] = -gAttack[i]! + kappa * da;
    gDefence[i] = -gDefence[i]! + kappa * dd;
  }
  // Chain rule through the centring: ∂f/∂aᵢ = ∂f/∂αᵢ − mean(∂f/∂α).
  let mA = 0;
  let mD = 0;
  for (let i = 0; i < nT; i++) {
    mA += gAttack[i]!;
    mD += gDefence[i]!;
  }
  mA /= nT;
  mD /= nT;
  for (let i = 0; i < nT; i++) {
    grad[i] = gAttack[i]! - mA;
    grad[nT + i] = gDefence[i]! - mD;
  }
  grad[2 * nT] = -gGamma;
  grad[2 * nT + 1] = -gEta;
  grad[2 * nT + 2] = fixedRho === undefined ? -gRho : 0;
  return f;
}
