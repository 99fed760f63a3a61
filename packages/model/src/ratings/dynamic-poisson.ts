import { dayNumber } from '../time-weights';
import type { MatchResult, TeamRating } from '../types';
import { UnknownTeamError } from '../types';

export interface DynamicPoissonOptions {
  /** Step size k of the rating updates (on the log-rate scale, per goal of surprise). */
  k?: number;
  /** Step size of the league level γ and home advantage η. */
  levelK?: number;
  /** Share s of shots on target in the observed goal proxy x̃ = (1 − s)·goals + s·c·SOT. */
  shotsShare?: number;
  /** Ratings of a team new to the data (relative to an average team). */
  newcomer?: TeamRating;
}

/**
 * State of the dynamic Poisson ratings: log λ = γ + η + α_home − β_away, log μ = γ + α_away −
 * β_home, as in Dixon-Coles, but the ratings follow the results match by match.
 */
export interface DynamicPoissonState {
  kind: 'dynamic-poisson';
  asOf: string;
  attack: Record<string, number>;
  defence: Record<string, number>;
  gamma: number;
  eta: number;
  /** Day number of the first match seen (incumbents vs newcomers). */
  firstDay: number | null;
  /** Ratings given to teams not in `attack`/`defence`. */
  newcomer: TeamRating;
}

const DEFAULTS: Required<DynamicPoissonOptions> = {
  k: 0.04,
  levelK: 0.002,
  shotsShare: 0.5,
  newcomer: { attack: -0.2, defence: -0.15 },
};

/**
 * Runs the ratings through the matches strictly before `asOf` (date order), continuing from
 * `previous` when given (then only matches on or after `previous.asOf` are used). Each match is a
 * stochastic-gradient step on the Poisson log-likelihood of the goal proxies x̃, ỹ:
 *   α_h += k(x̃ − λ), β_a −= k(x̃ − λ), α_a += k(ỹ − μ), β_h −= k(ỹ − μ),
 *   γ += k_γ(x̃ − λ + ỹ − μ), η += k_γ(x̃ − λ),
 * since ∂ log Pois(x; λ)/∂ log λ = x − λ. Fast to adapt where the decayed batch fit is slow.
 */
export function fitDynamicPoisson(
  matches: readonly MatchResult[],
  asOf: string,
  opts: DynamicPoissonOptions = {},
  teams: readonly string[] = [],
  previous?: DynamicPoissonState,
): DynamicPoissonState {
  const o = { ...DEFAULTS, ...opts };
  const prev = previous && previous.asOf <= asOf ? previous : undefined;
  const asOfDay = dayNumber(asOf);
  const startDay = prev ? dayNumber(prev.asOf) : -Infinity;
  const attack = new Map<string, number>(prev ? Object.entries(prev.attack) : []);
  const defence = new Map<string, number>(prev ? Object.entries(prev.defence) : []);
  let gamma = prev?.gamma ?? 0.2;
  let eta = prev?.eta ?? 0.25;
  let firstDay = prev?.firstDay ?? undefined;
  // Goals per shot on target in the history, for the proxy.
  let g = 0;
  let sot = 0;
  for (const m of matches) {
    const hs = m.stats?.homeShotsOnTarget;
    const as = m.stats?.awayShotsOnTarget;
    if (hs === undefined || as === undefined || m.date >= asOf) continue;
    g += m.homeGoals + m.awayGoals;
    sot += hs + as;
  }
  const c = sot > 0 ? g / sot : 0;
  const ensure = (t: string, day: number) => {
    if (attack.has(t)) return;
    const incumbent = firstDay === undefined || day - firstDay <= 30;
    attack.set(t, incumbent ? 0 : o.newcomer.attack);
    defence.set(t, incumbent ? 0 : o.newcomer.defence);
  };
  for (const m of matches) {
    const day = dayNumber(m.date);
    if (day >= asOfDay || day < startDay) continue;
    firstDay ??= day;
    ensure(m.home, day);
    ensure(m.away, day);
    const hs = m.stats?.homeShotsOnTarget;
    const as = m.stats?.awayShotsOnTarget;
    const useShots = c > 0 && hs !== undefined && as !== undefined;
    const x = useShots ? (1 - o.shotsShare) * m.homeGoals + o.shotsShare * c * hs : m.homeGoals;
    const y = useShots ? (1 - o.shotsShare) * m.awayGoals + o.shotsShare * c * as : m.awayGoals;
    const ah = attack.get(m.home)!;
    const aa = attack.get(m.away)!;
    const dh = defence.get(m.home)!;
    const da = defence.get(m.away)!;
    const lam = Math.exp(gamma + eta + ah - da);
    const mu = Math.exp(gamma + aa - dh);
    const rx = x - lam;
    const ry = y - mu;
    attack.set(m.home, ah + o.k * rx);
    defence.set(m.away, da - o.k * rx);
    attack.set(m.away, aa + o.k * ry);
    defence.set(m.home, dh - o.k * ry);
    gamma += o.levelK * (rx + ry);
    eta += o.levelK * rx;
  }
  // Newcomers are rated relative to the current league average.
  let meanA = 0;
  let meanD = 0;
  for (const v of attack.values()) meanA += v;
  for (const v of defence.values()) meanD += v;
  meanA = attack.size ? meanA / attack.size : 0;
  meanD = defence.size ? meanD / defence.size : 0;
  const newcomer = { attack: meanA + o.newcomer.attack, defence: meanD + o.newcomer.defence };
  for (const t of teams) {
    if (!attack.has(t)) {
      attack.set(t, newcomer.attack);
      defence.set(t, newcomer.defence);
    }
  }
  return {
    kind: 'dynamic-poisson',
    asOf,
    attack: Object.fromEntries(attack),
    defence: Object.fromEntries(defence),
    gamma,
    eta,
    firstDay: firstDay ?? null,
    newcomer,
  };
}

/** Goal means λ, μ of a fixture; throws {@link UnknownTeamError} for unrated teams. */
export function dynamicPoissonRates(
  state: DynamicPoissonState,
  home: string,
  away: string,
): { lambda: number; mu: number } {
  const ah = state.attack[home];
  const dh = state.defence[home];
  if (ah === undefined || dh === undefined) throw new UnknownTeamError(home);
  const aa = state.attack[away];
  const da = state.defence[away];
  if (aa === undefined || da === undefined) throw new UnknownTeamError(away);
  return {
    lambda: Math.exp(state.gamma + state.eta + ah - da),
    mu: Math.exp(state.gamma + aa - dh),
  };
}
