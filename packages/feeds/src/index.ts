// Public API of @scoreline/feeds: football-data CSV parsing, league map, team aliases, SportMonks.
export { FeedFormatError } from './errors';
export { parseFootballDataCsv, type ParseFootballDataOptions } from './football-data/parse-csv';
export { readFootballDataCsv } from './football-data/read-file';
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
export {
  createSportmonksClient,
  type SportmonksClient,
  type SportmonksClientOptions,
} from './sportmonks/client';
export {
  isRetryableSportmonksError,
  SportmonksAccessError,
  SportmonksAuthError,
  SportmonksError,
  SportmonksRateLimitError,
  SportmonksRequestError,
  SportmonksTransientError,
} from './sportmonks/errors';
export { splitDateRange } from './sportmonks/date-range';
export { mapState } from './sportmonks/mappers';
export type {
  SmFixture,
  SmFixtureState,
  SmLeague,
  SmOdds,
  SmRateLimitState,
  SmSeason,
  SmTeam,
  SmTeamRef,
} from './sportmonks/types';
export {
  startFakeSportmonksServer,
  type FakeFault,
  type FakeFixtureInput,
  type FakeOddInput,
  type FakeRequestRecord,
  type FakeSportmonksOptions,
  type FakeSportmonksServer,
} from './sportmonks/fake-server';
export {
  importFootballDataFile,
  importParsedFootballData,
  seasonOf,
  type ImportFileReport,
  type ImportOptions,
} from './football-data/import';
export { createTeamDirectory, type TeamDirectory } from './teams/team-directory';
export {
  syncSportmonks,
  syncCursorKey,
  SPORTMONKS_SYNC_JOB,
  SPORTMONKS_SYNC_SOURCE,
  type SyncCounts,
  type SyncLeagueReport,
  type SyncOptions,
  type SyncProgress,
  type SyncReport,
} from './sportmonks/sync';
export {
  createOpsRetry,
  DEFAULT_CLIENT_RETRY,
  type OpsRetryOptions,
  type RetryFn,
} from './sportmonks/sync-retry';
export { oddsInputsOf, type OddsMarketIds, type SyncOddsInput } from './sportmonks/sync-odds';
export {
  FOOTBALL_DATA_SOURCE,
  syncFootballDataFixtures,
  syncFootballDataResults,
  type FootballDataFileFailure,
  type FootballDataSyncOptions,
  type FootballDataSyncReport,
} from './football-data/live/sync';
export { FOOTBALL_DATA_BASE_URL, footballDataSeasonCode } from './football-data/live/urls';
export { FeedDownloadError } from './football-data/live/download';
export {
  startFakeFootballDataServer,
  type FakeFootballDataFault,
  type FakeFootballDataServer,
} from './football-data/live/fake-server';
