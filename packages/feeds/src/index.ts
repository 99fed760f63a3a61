// Public API of @scoreline/feeds: football-data CSV parsing, league map, team aliases, SportMonks.
export { FeedFormatError } from './errors';
export { parseFootballDataCsv, type ParseFootballDataOptions } from './football-data/parse-csv';
export type {
  MatchStats,
  OddsMarket,
  ParsedCsv,
  ParsedMatch,
  ParsedOdds,
  RejectedRow,
} from './football-data/types';
export { findLeague, LEAGUES, type League, type LeagueIdSource } from './leagues';
export {
  builtInTeamAliases,
  createAliasResolver,
  createBuiltInAliasResolver,
  type AliasResolver,
  type ResolvedTeam,
  type TeamAliasEntry,
} from './teams/aliases';
export { normaliseTeamName } from './teams/normalise';
