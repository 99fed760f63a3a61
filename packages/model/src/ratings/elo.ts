import { minimizeLbfgs } from '../optim/lbfgs';
import { dayNumber } from '../time-weights';
import type { MatchResult, Outcome, Probs1x2 } from '../types';
import { UnknownTeamError } from '../types';

export interface EloOptions {
  /** Update size K (rating points per unit of surprise). */
  k?: number;
  /** Home advantage H in rating points used in the expected score. */
  homeAdvantage?: number;
  initialRating?: number;
  /** A team new to the data enters at (mean of active teams) − newcomerOffset. */
  newcomerOffset?: number;
  /** Share of the distance to the mean removed after a summer break (mean reversion). */
  seasonRegression?: number;
  /** Scale K by the World Football Elo goal-difference multiplier. */
  goalDifference?: boolean;
  /**
   * Share s of shots on target in a continuous match score: with margin
   * M = (1 − s)·(goal difference) + s·c·(SOT difference), c = goals per shot on target,
   * the result is S = 1/(1 + e^{−M/δ}) instead of 1/½/0 (and no goal-difference multiplier).
   * 0 (default) is classic Elo.
   */
  shotsShare?: number;
  /** Scale δ (goals) of the continuous score. */
  marginScale?: number;
  /**
   * Share t of corners in the margin, M = (1 − s − t)·(goal difference) + s·c·(SOT difference)
   * + t·c'·(corner difference), c' = goals per corner (corners hint at territorial dominance).
   */
  cornersShare?: number;
  /** Share u of off-target shots (shots − SOT) in the margin, scaled by goals per such shot. */
  offTargetShare?: number;
  /** K multiplier 1 + b for a team's first `boostMatches` matches after a summer break. */
  earlyBoost?: number;
  boostMatches?: number;
  /** Time decay ξ per day for the ordered-logit fit weights. */
  xi?: number;
  /** Matches in the first `burnInDays` of the data only warm the ratings up. */
  burnInDays?: number;
  /** The ordered-logit link is fitted on the matches of the last `linkDays` days. */
  linkDays?: number;
  /**
   * When continuing from a previous state, keep its link until it is this many days old: the
   * link moves slowly, while the ratings are updated at every fit.
   */
  linkRefitDays?: number;
}

/**
 * Ordered-logit mapping of a rating difference x = (R_home − R_away)/400 to 1X2:
 * P(away) = σ(c₁ − βx), P(away or draw) = σ(c₂ − βx), c₁ < c₂ (home advantage lives in the cuts).
 */
export interface OrderedLogit {
  beta: number;
  cut1: number;
  cut2: number;
}

export interface EloState {
  kind: 'elo';
  asOf: string;
  ratings: Record<string, number>;
  /** Day number (days since 1970-01-01) of each team's last match. */
  lastDay: Record<string, number>;
  /** Day number of the first match processed. */
  firstDay: number | null;
  /** Rating given to a team not in `ratings`. */
  newcomerRating: number;
  link: OrderedLogit;
  /** "As of" date of the last link fit. */
  linkAsOf: string;
  /** Pre-match (x, outcome, day) samples of the link fit, the last `linkDays` days only. */
  samples: { x: number[]; outcome: Outcome[]; day: number[] };
  /** Matches per team since its last summer break (only with `earlyBoost`). */
  seasonCount?: Record<string, number>;
}

const DEFAULTS: Required<EloOptions> = {
  k: 20,
  homeAdvantage: 60,
  initialRating: 1500,
  newcomerOffset: 100,
  seasonRegression: 0.2,
  goalDifference: true,
  xi: 0.0018,
  burnInDays: 300,
  linkDays: 1100,
  linkRefitDays: 28,
  shotsShare: 0,
  marginScale: 1,
  cornersShare: 0,
  offTargetShare: 0,
  earlyBoost: 0,
  boostMatches: 6,
};

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** World Football Elo goal-difference multiplier G: 1, 1.5, then (11 + N)/8 for N ≥ 3. */
function goalMultiplier(diff: number): number {
  const n = Math.abs(diff);
  if (n <= 1) return 1;
  if (n === 2) return 1.5;
  return (11 + n) / 8;
}

/** Ordered-logit probabilities of (home, draw, away) for rating difference x (in units of 400). */
export function orderedLogitProbs(link: OrderedLogit, x: number): Probs1x2 {
  const pAway = sigmoid(link.cut1 - link.beta * x);
  const pAwayOrDraw = sigmoid(link.cut2 - link.beta * x);
  return [1 - pAwayOrDraw, pAwayOrDraw - pAway, pAway];
}

/**
 * Weighted maximum-likelihood ordered logit: maximise Σ wᵢ log P(outcomeᵢ | xᵢ) over β, c₁ and
 * c₂ = c₁ + e^δ (the exponential keeps the cuts ordered).
 */
export function fitOrderedLogit(
  xs: readonly number[],
  outcomes: readonly Outcome[],
  weights?: readonly number[],
  init?: OrderedLogit,
): OrderedLogit {
  const n = xs.length;
  const f = (th: Float64Array, g: Float64Array): number => {
    const beta = th[0]!;
    const c1 = th[1]!;
    const ed = Math.exp(th[2]!);
    const c2 = c1 + ed;
    let nll = 0;
    let gb = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      const x = xs[i]!;
      const s1 = sigmoid(c1 - beta * x);
      const s2 = sigmoid(c2 - beta * x);
      // d log σ(t)/dt = 1 − σ(t); d log(1 − σ(t))/dt = −σ(t).
      const o = outcomes[i]!;
      if (o === 2) {
        nll -= w * Math.log(s1);
        const d = 1 - s1;
        g1 -= w * d;
        gb += w * d * x;
      } else if (o === 0) {
        nll -= w * Math.log(1 - s2);
        g2 += w * s2;
        gb -= w * s2 * x;
      } else {
        const p = Math.max(1e-300, s2 - s1);
        nll -= w * Math.log(p);
        const d1 = s1 * (1 - s1);
        const d2 = s2 * (1 - s2);
        g1 += (w * d1) / p;
        g2 -= (w * d2) / p;
        gb += (w * (d2 - d1) * x) / p;
      }
    }
    g[0] = gb;
    g[1] = g1 + g2;
    g[2] = g2 * ed;
    return nll;
  };
  const start = init
    ? [init.beta, init.cut1, Math.log(Math.max(1e-6, init.cut2 - init.cut1))]
    : [1.5, -1.0, 0.0];
  const res = minimizeLbfgs(f, start, { gradTol: 1e-5 * n, maxIterations: 200 });
  return { beta: res.x[0]!, cut1: res.x[1]!, cut2: res.x[1]! + Math.exp(res.x[2]!) };
}

/** Goals per shot on target, per corner and per off-target shot over the matches before asOf. */
interface ConversionRates {
  sot: number;
  corner: number;
  offTarget: number;
}

function conversionRates(matches: readonly MatchResult[], asOf: string): ConversionRates {
  let g = 0;
  let sot = 0;
  let gc = 0;
  let corners = 0;
  let go = 0;
  let off = 0;
  for (const m of matches) {
    const st = m.stats;
    const hs = st?.homeShotsOnTarget;
    const as = st?.awayShotsOnTarget;
    if (hs === undefined || as === undefined || m.date >= asOf) continue;
    const goals = m.homeGoals + m.awayGoals;
    g += goals;
    sot += hs + as;
    if (st?.homeCorners !== undefined && st.awayCorners !== undefined) {
      gc += goals;
      corners += st.homeCorners + st.awayCorners;
    }
    if (st?.homeShots !== undefined && st.awayShots !== undefined) {
      go += goals;
      off += st.homeShots - hs + st.awayShots - as;
    }
  }
  return {
    sot: sot > 0 ? g / sot : 0,
    corner: corners > 0 ? gc / corners : 0,
    offTarget: off > 0 ? go / off : 0,
  };
}

/**
 * The match margin M = (1 − s − t − u)·(goal difference) + s·c·(SOT difference)
 * + t·c'·(corner difference) + u·c''·(off-target difference), in goals; null when the match has
 * no shots on target (then it is scored 1/½/0). Shares of missing statistics drop out.
 */
function matchMargin(
  m: MatchResult,
  o: Required<EloOptions>,
  rates: ConversionRates,
): number | null {
  const st = m.stats;
  const hs = st?.homeShotsOnTarget;
  const as = st?.awayShotsOnTarget;
  if (rates.sot <= 0 || hs === undefined || as === undefined) return null;
  const hc = st?.homeCorners;
  const ac = st?.awayCorners;
  const t = o.cornersShare > 0 && hc !== undefined && ac !== undefined ? o.cornersShare : 0;
  const hsh = st?.homeShots;
  const ash = st?.awayShots;
  const u = o.offTargetShare > 0 && hsh !== undefined && ash !== undefined ? o.offTargetShare : 0;
  return (
    (1 - o.shotsShare - t - u) * (m.homeGoals - m.awayGoals) +
    o.shotsShare * rates.sot * (hs - as) +
    (t > 0 ? t * rates.corner * (hc! - ac!) : 0) +
    (u > 0 ? u * rates.offTarget * (hsh! - hs - (ash! - as)) : 0)
  );
}

/**
 * Runs Elo through the matches strictly before `asOf` (date order), continuing from `previous`
 * when given (then only matches on or after `previous.asOf` are processed, so histories must be
 * append-only, as in a rolling backtest):
 * E = 1 / (1 + 10^(−(R_h + H − R_a)/400)), R_h += K·G·(S − E), R_a −= K·G·(S − E),
 * S ∈ {1, ½, 0}. Collects per match the pre-match difference x = (R_h − R_a)/400 for the link.
 */
export function runElo(
  matches: readonly MatchResult[],
  asOf: string,
  opts: EloOptions = {},
  extraTeams: readonly string[] = [],
  previous?: EloState,
): Omit<EloState, 'link' | 'linkAsOf'> {
  const o = { ...DEFAULTS, ...opts };
  const asOfDay = dayNumber(asOf);
  const startDay = previous ? dayNumber(previous.asOf) : -Infinity;
  const ratings = new Map<string, number>(previous ? Object.entries(previous.ratings) : []);
  const lastDay = new Map<string, number>(previous ? Object.entries(previous.lastDay) : []);
  const xs = previous ? [...previous.samples.x] : [];
  const outcomes = previous ? [...previous.samples.outcome] : [];
  const days = previous ? [...previous.samples.day] : [];
  let firstDay = previous?.firstDay ?? undefined;
  const newcomer = (today: number): number => {
    let sum = 0;
    let n = 0;
    for (const [t, r] of ratings) {
      const last = lastDay.get(t);
      if (last !== undefined && today - last <= 365) {
        sum += r;
        n += 1;
      }
    }
    return (n ? sum / n : o.initialRating) - o.newcomerOffset;
  };
  // Matches per team since its summer break. A team missing from the map (a state saved before
  // the boost existed) counts as past the boost; ratingOf resets it for new and returning teams.
  const seasonCount = new Map<string, number>(
    previous?.seasonCount ? Object.entries(previous.seasonCount) : [],
  );
  /** K multiplier of a team's update, counting the match. */
  const boostOf = (team: string): number => {
    if (o.earlyBoost <= 0) return 1;
    const n = seasonCount.get(team) ?? o.boostMatches;
    seasonCount.set(team, n + 1);
    return n < o.boostMatches ? 1 + o.earlyBoost : 1;
  };
  const ratingOf = (team: string, today: number): number => {
    const r = ratings.get(team);
    const last = lastDay.get(team);
    if (o.earlyBoost > 0 && (last === undefined || today - last > 60)) seasonCount.set(team, 0);
    if (r === undefined || last === undefined) {
      // Teams in the first month of the data are the incumbent league, not promoted sides.
      const start =
        r ?? (firstDay === undefined || today - firstDay <= 30 ? o.initialRating : newcomer(today));
      ratings.set(team, start);
      lastDay.set(team, today);
      return start;
    }
    if (today - last > 60 && o.seasonRegression > 0) {
      // After a summer break, regress toward the league mean: squads change.
      const mean = newcomer(today) + o.newcomerOffset;
      const reg = r + o.seasonRegression * (mean - r);
      ratings.set(team, reg);
      lastDay.set(team, today);
      return reg;
    }
    return r;
  };
  const rates = o.shotsShare > 0 ? conversionRates(matches, asOf) : null;
  for (const m of matches) {
    const day = dayNumber(m.date);
    if (day >= asOfDay || day < startDay) continue;
    firstDay ??= day;
    const rh = ratingOf(m.home, day);
    const ra = ratingOf(m.away, day);
    const e = 1 / (1 + 10 ** (-(rh + o.homeAdvantage - ra) / 400));
    const outcome: Outcome = m.homeGoals > m.awayGoals ? 0 : m.homeGoals === m.awayGoals ? 1 : 2;
    const margin = rates ? matchMargin(m, o, rates) : null;
    // A continuous score from the margin replaces 1/½/0 and the goal-difference multiplier.
    const s = margin !== null ? sigmoid(margin / o.marginScale) : ([1, 0.5, 0] as const)[outcome];
    const g = margin === null && o.goalDifference ? goalMultiplier(m.homeGoals - m.awayGoals) : 1;
    const delta = o.k * g * (s - e);
    if (day - firstDay >= o.burnInDays) {
      xs.push((rh - ra) / 400);
      outcomes.push(outcome);
      days.push(day);
    }
    ratings.set(m.home, rh + delta * boostOf(m.home));
    ratings.set(m.away, ra - delta * boostOf(m.away));
    lastDay.set(m.home, day);
    lastDay.set(m.away, day);
  }
  // Keep only the samples the link still uses.
  let drop = 0;
  while (drop < days.length && asOfDay - days[drop]! > o.linkDays) drop++;
  const newcomerRating = newcomer(asOfDay);
  const out: Record<string, number> = Object.fromEntries(ratings);
  for (const t of extraTeams) if (out[t] === undefined) out[t] = newcomerRating;
  return {
    kind: 'elo',
    asOf,
    ratings: out,
    lastDay: Object.fromEntries(lastDay),
    firstDay: firstDay ?? null,
    newcomerRating,
    ...(o.earlyBoost > 0 ? { seasonCount: Object.fromEntries(seasonCount) } : {}),
    samples: { x: xs.slice(drop), outcome: outcomes.slice(drop), day: days.slice(drop) },
  };
}

/**
 * Fits the Elo component as of a date: ratings from all matches before `asOf` (continuing from
 * `previous` if given), then the ordered-logit link by time-weighted ML (weights exp(−ξ·Δt))
 * on the pre-match differences of the last `linkDays` days. Matches must be in date order.
 */
export function fitElo(
  matches: readonly MatchResult[],
  asOf: string,
  opts: EloOptions = {},
  teams: readonly string[] = [],
  previous?: EloState,
): EloState {
  const xi = opts.xi ?? DEFAULTS.xi;
  const usable = previous && previous.asOf <= asOf ? previous : undefined;
  const run = runElo(matches, asOf, opts, teams, usable);
  const asOfDay = dayNumber(asOf);
  const linkRefitDays = opts.linkRefitDays ?? DEFAULTS.linkRefitDays;
  if (
    usable &&
    usable.samples.x.length >= 50 &&
    asOfDay - dayNumber(usable.linkAsOf) < linkRefitDays
  ) {
    return { ...run, link: usable.link, linkAsOf: usable.linkAsOf };
  }
  const weights = run.samples.day.map((d) => Math.exp(-xi * (asOfDay - d)));
  const link =
    run.samples.x.length >= 50
      ? fitOrderedLogit(run.samples.x, run.samples.outcome, weights, usable?.link)
      : { beta: 1.7, cut1: -1.05, cut2: 0.15 }; // typical league values until data exists
  return { ...run, link, linkAsOf: asOf };
}

/** 1X2 probabilities from an Elo state; throws {@link UnknownTeamError} for unrated teams. */
export function predictElo(state: EloState, home: string, away: string): Probs1x2 {
  const rh = state.ratings[home];
  if (rh === undefined) throw new UnknownTeamError(home);
  const ra = state.ratings[away];
  if (ra === undefined) throw new UnknownTeamError(away);
  return orderedLogitProbs(state.link, (rh - ra) / 400);
}

/** Convenience wrapper: an Elo model with fixed options, as fit/predict functions. */
export function createEloModel(opts: EloOptions = {}): {
  fit: (
    history: readonly MatchResult[],
    asOf: string,
    teams?: readonly string[],
    previous?: EloState,
  ) => EloState;
  predict: (state: EloState, home: string, away: string) => Probs1x2;
} {
  return {
    fit: (history, asOf, teams = [], previous) => fitElo(history, asOf, opts, teams, previous),
    predict: predictElo,
  };
}
