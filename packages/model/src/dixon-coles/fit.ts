import { minimizeLbfgs } from '../optim/lbfgs';
import { dayNumber } from '../time-weights';
import type { DixonColesParams, MatchResult, TeamRating } from '../types';
import {
  createWorkspace,
  encodeMatches,
  negLogLikelihood,
  parameterCount,
  unpackRatings,
  type EncodedMatches,
  type RatingPrior,
} from './likelihood';

/** Default time decay ξ per day (Dixon & Coles 1997 found ≈ 0.0065/half-week ≈ 0.0018/day). */
export const DEFAULT_XI = 0.0018;
/** Default prior precision κ (in matches' worth of information per rating). */
export const DEFAULT_PRIOR_WEIGHT = 3;
/** Default prior mean for a team new to the league: promoted sides are usually below average. */
export const DEFAULT_NEWCOMER_PRIOR: TeamRating = { attack: -0.2, defence: -0.15 };

export interface DixonColesFitOptions {
  /** ISO date: only matches strictly before it are used, weighted by exp(−ξ·Δt). */
  asOf: string;
  /** Time-decay rate ξ per day. */
  xi?: number;
  /** Prior precision κ of the Gaussian penalty (κ/2)·Σ(rating − prior mean)². */
  priorWeight?: number;
  /** Teams to rate even without matches (fixtures to predict); they get their prior mean. */
  teams?: readonly string[];
  /** Explicit prior means by team; teams not listed get 0, or the newcomer prior if new. */
  priorMeans?: Readonly<Record<string, TeamRating>>;
  /** Prior mean for newcomers (no match in the history, or the current spell is recent). */
  newcomerPrior?: TeamRating;
  /** A team whose current spell in the data began fewer than this many days before "as of". */
  newcomerDays?: number;
  /** Ignore matches older than this many days (their weight is negligible anyway). */
  maxHistoryDays?: number;
  /** Warm start: previous parameters (matched by team name). */
  init?: DixonColesParams;
  /** Hold ρ fixed (e.g. 0 for expected-goal proxies, where τ has no meaning). */
  fixedRho?: number;
  /**
   * Weight multiplier for matches with a red card: a sending-off distorts the score, so such a
   * match says less about the teams' normal strength (1 = no change).
   */
  redCardWeight?: number;
  /**
   * Re-estimate the scoring level γ and home advantage η with a faster decay ξ_h per day
   * (ratings held at their fitted values), so a sudden change in home advantage (e.g. matches
   * without crowds) shows up within weeks. Off when undefined.
   */
  levelXi?: number;
  /** Precision (in matches) of the pull of the recent γ, η toward their long-run values. */
  levelPriorWeight?: number;
  gradTol?: number;
  maxIterations?: number;
}

/** A gap longer than this in a team's matches means it left the league (relegation). */
const SPELL_GAP_DAYS = 200;

function isNewcomer(
  days: number[] | undefined,
  asOf: number,
  earliest: number,
  newcomerDays: number,
): boolean {
  if (!days || days.length === 0) return true;
  // Walk back to the start of the current spell.
  let start = days[days.length - 1]!;
  for (let i = days.length - 2; i >= 0; i--) {
    if (start - days[i]! > SPELL_GAP_DAYS) break;
    start = days[i]!;
  }
  // Teams present since the first weeks of the data are incumbents, not newcomers.
  if (start - earliest <= 30) return false;
  return asOf - start < newcomerDays;
}

/**
 * Cheap starting point for a cold fit: a few block-Newton sweeps on the penalised Poisson part
 * (τ ignored). Given the defences every attack αᵢ has its own 1-D problem, and vice versa, so
 * one pass over the matches updates a whole block: αᵢ += (Gᵢ − Eᵢ − κ(αᵢ − mᵢ)) / (Eᵢ + κ),
 * with Gᵢ the weighted goals scored and Eᵢ the expected ones. Then L-BFGS starts near the optimum.
 */
function poissonWarmUp(
  theta: Float64Array,
  data: EncodedMatches,
  prior: RatingPrior,
  sweeps: number,
): void {
  const nT = data.nTeams;
  const attack = new Float64Array(nT);
  const defence = new Float64Array(nT);
  unpackRatings(theta, nT, attack, defence);
  const kappa = prior.weight;
  const G = new Float64Array(nT);
  const E = new Float64Array(nT);
  let gamma = theta[2 * nT]!;
  let eta = theta[2 * nT + 1]!;
  const { pairHome: home, pairAway: away, pairWX: wx, pairWY: wy, pairW: w } = data;
  const n = data.nPairs;
  for (let s = 0; s < sweeps; s++) {
    // Scoring level and home advantage have closed-form Poisson updates given the ratings.
    let sx = 0;
    let sy = 0;
    let sl = 0;
    let sm = 0;
    for (let k = 0; k < n; k++) {
      const h = home[k]!;
      const a = away[k]!;
      sl += w[k]! * Math.exp(gamma + eta + attack[h]! - defence[a]!);
      sm += w[k]! * Math.exp(gamma + attack[a]! - defence[h]!);
      sx += wx[k]!;
      sy += wy[k]!;
    }
    if (sx > 0 && sy > 0) {
      gamma += Math.log(sy / sm);
      eta += Math.log(sx / sl) - Math.log(sy / sm);
    }
    for (const block of [attack, defence]) {
      G.fill(0);
      E.fill(0);
      for (let k = 0; k < n; k++) {
        const h = home[k]!;
        const a = away[k]!;
        const lam = w[k]! * Math.exp(gamma + eta + attack[h]! - defence[a]!);
        const mu = w[k]! * Math.exp(gamma + attack[a]! - defence[h]!);
        if (block === attack) {
          G[h] = G[h]! + wx[k]!;
          E[h] = E[h]! + lam;
          G[a] = G[a]! + wy[k]!;
          E[a] = E[a]! + mu;
        } else {
          // For a defence the "goals" are those conceded, and the sign of the effect flips.
          G[a] = G[a]! + lam;
          E[a] = E[a]! + wx[k]!;
          G[h] = G[h]! + mu;
          E[h] = E[h]! + wy[k]!;
        }
      }
      const mean = block === attack ? prior.attackMean : prior.defenceMean;
      let sum = 0;
      for (let i = 0; i < nT; i++) {
        const curvature = (block === attack ? E[i]! : G[i]!) + kappa;
        block[i] = block[i]! + (G[i]! - E[i]! - kappa * (block[i]! - mean[i]!)) / curvature;
        sum += block[i]!;
      }
      for (let i = 0; i < nT; i++) block[i] = block[i]! - sum / nT;
    }
  }
  for (let i = 0; i < nT; i++) {
    theta[i] = attack[i]!;
    theta[nT + i] = defence[i]!;
  }
  theta[2 * nT] = gamma;
  theta[2 * nT + 1] = eta;
}

/**
 * Recent scoring level and home advantage with the ratings held fixed: maximises
 *   Σₖ φ'ₖ [xₖ(γ + η) − e^{γ+η}·Λₖ + yₖγ − e^{γ}·Mₖ] − (κ_h/2)[(γ − γ₀)² + (η − η₀)²]
 * with Λₖ = exp(α_h − β_a), Mₖ = exp(α_a − β_h) and fast-decaying weights φ', by Newton's method
 * on the 2×2 system (concave, so a few steps converge). τ is ignored: it barely moves γ, η.
 */
function recentLevel(
  d: { homeIdx: Int32Array; awayIdx: Int32Array; xs: Float64Array; ys: Float64Array; w: number[] },
  attack: Float64Array,
  defence: Float64Array,
  gamma0: number,
  eta0: number,
  kappa: number,
): [number, number] {
  let sx = 0;
  let sy = 0;
  let sL = 0;
  let sM = 0;
  for (let k = 0; k < d.w.length; k++) {
    const w = d.w[k]!;
    const h = d.homeIdx[k]!;
    const a = d.awayIdx[k]!;
    sx += w * d.xs[k]!;
    sy += w * d.ys[k]!;
    sL += w * Math.exp(attack[h]! - defence[a]!);
    sM += w * Math.exp(attack[a]! - defence[h]!);
  }
  let g = gamma0;
  let e = eta0;
  for (let it = 0; it < 20; it++) {
    const L = Math.exp(g + e) * sL;
    const M = Math.exp(g) * sM;
    // Gradient and (negative) Hessian of the penalised objective.
    const dg = sx - L + sy - M - kappa * (g - gamma0);
    const de = sx - L - kappa * (e - eta0);
    const hgg = L + M + kappa;
    const hge = L;
    const hee = L + kappa;
    const det = hgg * hee - hge * hge;
    const stepG = (hee * dg - hge * de) / det;
    const stepE = (hgg * de - hge * dg) / det;
    g += stepG;
    e += stepE;
    if (Math.abs(stepG) + Math.abs(stepE) < 1e-12) break;
  }
  return [g, e];
}

/**
 * Fits the Dixon & Coles (1997) model by weighted, penalised maximum likelihood:
 *
 *   X ~ Poisson(λ), Y ~ Poisson(μ), P(X=x, Y=y) = τ(x, y, λ, μ, ρ)·Pois(x; λ)·Pois(y; μ)
 *   log λ = γ + η + α_home − β_away,  log μ = γ + α_away − β_home,  Σα = Σβ = 0
 *   maximise Σₖ φ(tₖ)·log P(xₖ, yₖ) − (κ/2)·Σᵢ[(αᵢ − mᵅᵢ)² + (βᵢ − mᵝᵢ)²],  φ(t) = exp(−ξ·t)
 *
 * with analytic gradients and L-BFGS. The Gaussian prior keeps teams with little data (promoted
 * sides) near their prior mean, which is below average for newcomers. Pure: "now" is `asOf`.
 */
export function fitDixonColes(
  matches: readonly MatchResult[],
  opts: DixonColesFitOptions,
): DixonColesParams {
  return solveDixonColes(prepareDixonColes(matches, opts), opts);
}

/**
 * The data side of a fit, reusable by several fits on the same matches (e.g. goals and an
 * expected-goal proxy): team list and indices, time weights φ, prior means.
 */
export interface PreparedFit {
  asOf: string;
  asOfDay: number;
  xi: number;
  teams: string[];
  /** Position in the input array of each used match (strictly before asOf, within the window). */
  usedIndex: Int32Array;
  usedDays: Int32Array;
  homeIdx: Int32Array;
  awayIdx: Int32Array;
  homeGoals: Float64Array;
  awayGoals: Float64Array;
  /** φ = exp(−ξ·Δt), times the red-card weight where it applies. */
  weights: Float64Array;
  attackMean: Float64Array;
  defenceMean: Float64Array;
}

/** Selects and encodes the matches of a fit and sets every team's prior mean. */
export function prepareDixonColes(
  matches: readonly MatchResult[],
  opts: DixonColesFitOptions,
): PreparedFit {
  const xi = opts.xi ?? DEFAULT_XI;
  const newcomer = opts.newcomerPrior ?? DEFAULT_NEWCOMER_PRIOR;
  const newcomerDays = opts.newcomerDays ?? 330;
  const maxDays = opts.maxHistoryDays ?? Infinity;
  const redW = opts.redCardWeight ?? 1;
  const asOfDay = dayNumber(opts.asOf);

  // Select the usable matches; teams get provisional ids in order of appearance (one Map lookup
  // per team and match), then ids are remapped to the sorted team list (stable layout).
  const provisional = new Map<string, number>();
  const names: string[] = [];
  const daysOf: number[][] = [];
  const idOf = (t: string): number => {
    let id = provisional.get(t);
    if (id === undefined) {
      id = names.length;
      provisional.set(t, id);
      names.push(t);
      daysOf.push([]);
    }
    return id;
  };
  const n0 = matches.length;
  const hProv = new Int32Array(n0);
  const aProv = new Int32Array(n0);
  const xs0 = new Float64Array(n0);
  const ys0 = new Float64Array(n0);
  const weights0 = new Float64Array(n0);
  const usedDays0 = new Int32Array(n0);
  const usedIndex0 = new Int32Array(n0);
  let pos = -1;
  let earliest = asOfDay;
  let nUsed = 0;
  for (const m of matches) {
    pos += 1;
    const day = dayNumber(m.date);
    const dt = asOfDay - day;
    if (!(dt > 0) || dt > maxDays) continue;
    usedIndex0[nUsed] = pos;
    const h = idOf(m.home);
    const a = idOf(m.away);
    hProv[nUsed] = h;
    aProv[nUsed] = a;
    xs0[nUsed] = m.homeGoals;
    ys0[nUsed] = m.awayGoals;
    nUsed += 1;
    usedDays0[nUsed - 1] = day;
    let w = Math.exp(-xi * dt);
    if (redW !== 1) {
      const st = m.stats;
      if (st && (st.homeRedCards ?? 0) + (st.awayRedCards ?? 0) > 0) w *= redW;
    }
    weights0[nUsed - 1] = w;
    if (day < earliest) earliest = day;
    daysOf[h]!.push(day);
    daysOf[a]!.push(day);
  }
  for (const t of opts.teams ?? []) idOf(t);
  const teams = [...names].sort();
  const nT = teams.length;
  if (nT < 2) throw new Error('fitDixonColes: need at least two teams');
  const index = new Map(teams.map((t, i) => [t, i]));
  const remap = Int32Array.from(names, (t) => index.get(t)!);
  const daysByTeam = new Map<string, number[]>();
  names.forEach((t, i) => {
    const list = daysOf[i]!;
    if (list.length === 0) return;
    // Histories usually arrive in date order; sort only when they do not.
    for (let k = 1; k < list.length; k++) {
      if (list[k]! < list[k - 1]!) {
        list.sort((p, q) => p - q);
        break;
      }
    }
    daysByTeam.set(t, list);
  });

  const weights = weights0.subarray(0, nUsed);
  const usedDays = usedDays0.subarray(0, nUsed);
  const homeIdx = new Int32Array(nUsed);
  const awayIdx = new Int32Array(nUsed);
  const xs = xs0.subarray(0, nUsed);
  const ys = ys0.subarray(0, nUsed);
  for (let k = 0; k < nUsed; k++) {
    homeIdx[k] = remap[hProv[k]!]!;
    awayIdx[k] = remap[aProv[k]!]!;
  }
  const attackMean = new Float64Array(nT);
  const defenceMean = new Float64Array(nT);
  teams.forEach((t, i) => {
    const explicit = opts.priorMeans?.[t];
    const mean =
      explicit ??
      (isNewcomer(daysByTeam.get(t), asOfDay, earliest, newcomerDays)
        ? newcomer
        : { attack: 0, defence: 0 });
    attackMean[i] = mean.attack;
    defenceMean[i] = mean.defence;
  });
  return {
    asOf: opts.asOf,
    asOfDay,
    xi,
    teams,
    usedIndex: usedIndex0.slice(0, nUsed),
    usedDays: usedDays.slice(),
    homeIdx,
    awayIdx,
    homeGoals: xs.slice(),
    awayGoals: ys.slice(),
    weights: weights.slice(),
    attackMean,
    defenceMean,
  };
}

/**
 * The optimisation side of {@link fitDixonColes} on prepared data. `goals` replaces the scores
 * of the used matches (aligned with `prep.usedIndex`), e.g. by expected-goal proxies.
 */
export function solveDixonColes(
  prep: PreparedFit,
  opts: Omit<DixonColesFitOptions, 'asOf'> & { asOf?: string },
  goals?: { home: Float64Array; away: Float64Array },
): DixonColesParams {
  const kappa = opts.priorWeight ?? DEFAULT_PRIOR_WEIGHT;
  const { teams, homeIdx, awayIdx, asOfDay, usedDays } = prep;
  const nT = teams.length;
  const xi = opts.xi ?? prep.xi;
  const xs = goals?.home ?? prep.homeGoals;
  const ys = goals?.away ?? prep.awayGoals;
  // A different decay than the prepared one: rescale each weight by exp(−(ξ' − ξ)·Δt).
  const weights =
    xi === prep.xi
      ? prep.weights
      : prep.weights.map((w, k) => w * Math.exp(-(xi - prep.xi) * (asOfDay - usedDays[k]!)));
  let sumW = 0;
  let sumX = 0;
  let sumY = 0;
  for (let k = 0; k < weights.length; k++) {
    sumW += weights[k]!;
    sumX += weights[k]! * xs[k]!;
    sumY += weights[k]! * ys[k]!;
  }
  const data = encodeMatches(nT, homeIdx, awayIdx, xs, ys, weights);

  const prior: RatingPrior = {
    weight: kappa,
    attackMean: prep.attackMean,
    defenceMean: prep.defenceMean,
  };

  // Starting point: warm start where possible, else prior means and the league's scoring level.
  const nP = parameterCount(nT);
  const theta0 = new Float64Array(nP);
  const initAttack = new Float64Array(nT);
  const initDefence = new Float64Array(nT);
  const prevIndex = opts.init ? new Map(opts.init.teams.map((t, i) => [t, i])) : undefined;
  for (let i = 0; i < nT; i++) {
    const j = prevIndex?.get(teams[i]!);
    initAttack[i] = j !== undefined ? opts.init!.attack[j]! : prior.attackMean[i]!;
    initDefence[i] = j !== undefined ? opts.init!.defence[j]! : prior.defenceMean[i]!;
  }
  // Re-centre so the start satisfies the sum-to-zero constraints.
  const meanA = initAttack.reduce((s, v) => s + v, 0) / nT;
  const meanD = initDefence.reduce((s, v) => s + v, 0) / nT;
  for (let i = 0; i < nT; i++) {
    theta0[i] = initAttack[i]! - meanA;
    theta0[nT + i] = initDefence[i]! - meanD;
  }
  const fallbackHome = sumW > 0 && sumX > 0 && sumY > 0 ? Math.log(sumX / sumY) : 0.25;
  const fallbackGamma = sumW > 0 && sumY > 0 ? Math.log(sumY / sumW) : 0.2;
  theta0[2 * nT] = opts.init ? opts.init.intercept + meanA - meanD : fallbackGamma;
  theta0[2 * nT + 1] = opts.init ? opts.init.homeAdvantage : fallbackHome;
  theta0[2 * nT + 2] = opts.fixedRho ?? (opts.init ? opts.init.rho : -0.05);

  if (!opts.init) poissonWarmUp(theta0, data, prior, 2);

  // Diagonal preconditioner from the expected curvature at the start: a rating's second
  // derivative is about (its matches' weight × goal rate) + κ; γ and η see the whole league.
  const teamW = new Float64Array(nT);
  for (let p = 0; p < data.nPairs; p++) {
    teamW[data.pairHome[p]!] = teamW[data.pairHome[p]!]! + data.pairW[p]!;
    teamW[data.pairAway[p]!] = teamW[data.pairAway[p]!]! + data.pairW[p]!;
  }
  const rate = sumW > 0 ? (sumX + sumY) / (2 * sumW) : 1.4;
  const diag = new Float64Array(nP);
  for (let i = 0; i < nT; i++) {
    const c = teamW[i]! * rate + kappa;
    diag[i] = 1 / c;
    diag[nT + i] = 1 / c;
  }
  diag[2 * nT] = 1 / Math.max(1e-6, sumX + sumY);
  diag[2 * nT + 1] = 1 / Math.max(1e-6, sumX);
  diag[2 * nT + 2] = 1 / Math.max(1e-6, 0.4 * sumW);

  const ws = createWorkspace(data);
  const result = minimizeLbfgs(
    (theta, grad) => negLogLikelihood(theta, grad, data, prior, ws, opts.fixedRho),
    theta0,
    {
      gradTol: opts.gradTol ?? 1e-3 * Math.max(1, sumW / 100),
      maxIterations: opts.maxIterations ?? 300,
      relTol: 1e-11,
      inverseHessianDiagonal: diag,
    },
  );
  const attack = new Float64Array(nT);
  const defence = new Float64Array(nT);
  unpackRatings(result.x, nT, attack, defence);
  let intercept = result.x[2 * nT]!;
  let homeAdvantage = result.x[2 * nT + 1]!;
  if (opts.levelXi !== undefined) {
    const recentW = Array.from(usedDays, (d) => Math.exp(-opts.levelXi! * (asOfDay - d)));
    [intercept, homeAdvantage] = recentLevel(
      { homeIdx, awayIdx, xs, ys, w: recentW },
      attack,
      defence,
      intercept,
      homeAdvantage,
      opts.levelPriorWeight ?? 40,
    );
  }
  return {
    kind: 'dixon-coles',
    asOf: prep.asOf,
    xi,
    teams,
    attack: Array.from(attack),
    defence: Array.from(defence),
    intercept,
    homeAdvantage,
    rho: opts.fixedRho ?? result.x[2 * nT + 2]!,
    logLik: -result.f,
    iterations: result.iterations,
    converged: result.converged,
  };
}
