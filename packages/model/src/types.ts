/** Match statistics of a played match (football-data.co.uk HS, AS, HST, AST, HC, AC, HR, AR). */
export interface MatchStats {
  homeShots?: number;
  awayShots?: number;
  homeShotsOnTarget?: number;
  awayShotsOnTarget?: number;
  homeCorners?: number;
  awayCorners?: number;
  homeRedCards?: number;
  awayRedCards?: number;
}

/** One played match. `date` is an ISO calendar date (YYYY-MM-DD). */
export interface MatchResult {
  date: string;
  home: string;
  away: string;
  homeGoals: number;
  awayGoals: number;
  stats?: MatchStats;
}

/** Probabilities of home win, draw, away win, in that order. */
export type Probs1x2 = [number, number, number];

/** Index of the observed outcome: 0 home win, 1 draw, 2 away win. */
export type Outcome = 0 | 1 | 2;

/** A team's rating pair on the log scale of the goal rates. */
export interface TeamRating {
  attack: number;
  defence: number;
}

/**
 * Fitted Dixon-Coles parameters, plain JSON.
 *
 * log λ = intercept + homeAdvantage + attack[home] − defence[away]
 * log μ = intercept + attack[away] − defence[home]
 *
 * `attack` sums to zero over `teams` (identifiability); a higher `defence` concedes fewer goals.
 */
export interface DixonColesParams {
  kind: 'dixon-coles';
  /** Only matches strictly before this ISO date were used. */
  asOf: string;
  /** Time-decay rate ξ per day. */
  xi: number;
  teams: string[];
  attack: number[];
  defence: number[];
  intercept: number;
  homeAdvantage: number;
  /** Low-score dependence ρ. */
  rho: number;
  /** Penalised weighted log-likelihood at the optimum. */
  logLik: number;
  iterations: number;
  converged: boolean;
}

/**
 * Joint distribution of the final score: `p[x][y]` = P(home scores x, away scores y) for
 * 0 ≤ x, y ≤ maxGoals, renormalised to sum to 1. `lambda`, `mu` are the Poisson means.
 */
export interface ScoreMatrix {
  maxGoals: number;
  p: number[][];
  lambda: number;
  mu: number;
}

/** Thrown when a prediction is asked for a team the fitted parameters do not know. */
export class UnknownTeamError extends Error {
  readonly team: string;
  constructor(team: string) {
    super(`Unknown team: ${team}`);
    this.name = 'UnknownTeamError';
    this.team = team;
  }
}
