/** Odds market: 1X2, over/under goals, Asian handicap. */
export type OddsMarket = '1x2' | 'ou' | 'ah';

/** One bookmaker's (or one market aggregate's) prices for one market line of a match. */
export interface ParsedOdds {
  /**
   * football-data bookmaker code (`B365`, `BW`, `WH`, `1XB`, `BFE`, …). Pinnacle is always `PS`
   * (football-data writes `PS` for 1X2 and `P` for totals and handicaps). `Max` and `Avg` are
   * market aggregates (maximum and average over bookmakers), not bookmakers.
   */
  bookmaker: string;
  market: OddsMarket;
  /** 2.5 for `ou`; the home handicap (`AHh`/`AHCh`) for `ah`; null for `1x2` or when unknown. */
  line: number | null;
  /** `pre`: football-data's pre-closing snapshot; `close`: last odds before kick-off. */
  kind: 'pre' | 'close';
  prices: { home?: number; draw?: number; away?: number; over?: number; under?: number };
}

/** Match statistics as found in the file; absent values are left out. */
export interface MatchStats {
  homeShots?: number;
  awayShots?: number;
  homeShotsOnTarget?: number;
  awayShotsOnTarget?: number;
  homeCorners?: number;
  awayCorners?: number;
  homeFouls?: number;
  awayFouls?: number;
  homeYellow?: number;
  awayYellow?: number;
  homeRed?: number;
  awayRed?: number;
}

/** One data row of a football-data style CSV. Team names are as written in the source. */
export interface ParsedMatch {
  /** 1-based physical line number in the file (the header is line 1). */
  line: number;
  /** football-data division code (`Div` column, or the league given for files without it). */
  league: string;
  /** Match date as written (UK date), `YYYY-MM-DD`. */
  date: string;
  /** UK local kick-off time `HH:MM`, when the file has one. */
  time?: string;
  /** Kick-off instant in UTC (ISO 8601), derived from `date` + `time` with Europe/London rules. */
  kickoffUtc?: string;
  home: string;
  away: string;
  /** Full-time goals; null when the match has no result yet (fixture rows). */
  homeGoals: number | null;
  awayGoals: number | null;
  /** Half-time goals, when present. */
  ht?: { home: number; away: number };
  stats: MatchStats;
  referee?: string;
  odds: ParsedOdds[];
}

/** A data row that could not be used, with the reason naming the offending column. */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}

/** Result of parsing one file; `matches.length + rejects.length === dataRows`. */
export interface ParsedCsv {
  matches: ParsedMatch[];
  rejects: RejectedRow[];
  /** Non-blank rows after the header. */
  dataRows: number;
}
