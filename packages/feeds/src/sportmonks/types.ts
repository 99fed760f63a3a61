// Plain records the rest of Scoreline uses; SportMonks' raw shapes stay inside this folder.

/** Fixture state, reduced from SportMonks' `state_id` (CONTRACT.md §9). */
export type SmFixtureState = 'scheduled' | 'live' | 'finished' | 'postponed' | 'cancelled';

/** A team as referenced by a fixture. */
export interface SmTeamRef {
  id: number;
  name: string;
}

/** One fixture with its result. */
export interface SmFixture {
  id: number;
  leagueId: number;
  seasonId: number;
  /** Kick-off, ISO 8601 UTC (`2025-03-01T15:00:00.000Z`). */
  startingAtUtc: string;
  home: SmTeamRef;
  away: SmTeamRef;
  state: SmFixtureState;
  /** Raw SportMonks `state_id`, for callers that need finer distinctions (AET, pens, awarded). */
  stateId: number;
  /**
   * Goals after 90 minutes for finished matches (`2ND_HALF` score, else `CURRENT`), the current
   * score for live ones, null before kick-off.
   */
  homeGoals: number | null;
  awayGoals: number | null;
  /** Half-time score, when reported. */
  ht?: { home: number; away: number };
}

/** One bookmaker's pre-match prices for one market of a fixture. */
export interface SmOdds {
  fixtureId: number;
  bookmakerId: number;
  marketId: number;
  /** `1x2` for market 1 (Match Winner / Fulltime Result); `other` for anything else. */
  market: '1x2' | 'other';
  /** Decimal prices of market 1, by outcome (labels `Home/Draw/Away` or `1/X/2`). */
  prices: { home?: number; draw?: number; away?: number };
  /** All selections as received, decimal prices parsed. */
  selections: Array<{
    label: string;
    value: number;
    total: string | null;
    handicap: string | null;
  }>;
  /** Latest `updated_at` / `latest_bookmaker_update` among the selections (UTC), if any. */
  updatedAt: string | null;
}

/** A league. */
export interface SmLeague {
  id: number;
  name: string;
  countryId: number | null;
  shortCode: string | null;
  active: boolean;
  currentSeasonId: number | null;
}

/** A season of a league. */
export interface SmSeason {
  id: number;
  leagueId: number;
  name: string;
  isCurrent: boolean;
  startingAt: string | null;
  endingAt: string | null;
}

/** A team. */
export interface SmTeam {
  id: number;
  name: string;
  shortCode: string | null;
  countryId: number | null;
}

/** Last `rate_limit` block seen for one entity bucket. */
export interface SmRateLimitState {
  remaining: number;
  /** Clock time (ms) when the window resets. */
  resetsAtMs: number;
}
