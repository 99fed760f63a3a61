export type { DatabaseSettings, CreateDbOptions } from './settings';
export { createDb, SQLITE_PRAGMAS, SQLITE_BUSY_TIMEOUT_MS, type Db } from './create-db';
export { DbBusyError, DbConnectionError, describePgUrl } from './errors';
export { writeTransaction } from './write-transaction';
export { pingDb } from './ping';
export { migrateLatest, appliedMigrations, type MigrateOptions } from './migrate';
export { MIGRATION_NAMES, StaticMigrationSource } from './migrations/migration-source';
export { normaliseTeamName } from './team-name';
export type { UpsertOutcome } from './values';
export { createSqlHeartbeatStore, type HeartbeatStore } from './repositories/heartbeats.repository';
export {
  startJobRun,
  finishJobRun,
  failJobRun,
  listRecentJobRuns,
  lastSuccessfulJobRun,
  failAbandonedJobRuns,
  deleteJobRunsBefore,
  type JobRun,
  type JobRunStatus,
} from './repositories/job-runs.repository';
export {
  upsertLeague,
  findLeague,
  findLeagueByCode,
  getLeague,
  findLeagueBySportmonksId,
  listLeagues,
  type League,
  type LeagueInput,
} from './repositories/leagues.repository';
export {
  upsertSeason,
  findSeason,
  listSeasons,
  type Season,
  type SeasonInput,
} from './repositories/seasons.repository';
export {
  upsertTeam,
  getTeam,
  findTeamBySportmonksId,
  addTeamAlias,
  resolveTeamAlias,
  listTeamAliases,
  listAliasesInScope,
  AliasConflictError,
  type Team,
  type TeamInput,
  type TeamAlias,
  type ScopedAlias,
  type AliasLang,
} from './repositories/teams.repository';
export {
  upsertFixture,
  upsertFixtureBySportmonksId,
  getFixture,
  listFixtures,
  listFinishedFixturesBefore,
  countFixtures,
  latestFinishedDate,
  nextScheduledKickoff,
  type Fixture,
  type FixtureInput,
  type FixtureStats,
  type FixtureStatus,
} from './repositories/fixtures.repository';
export {
  upsertOdds,
  upsertFixtureOdds,
  listOddsForFixtures,
  type Odds,
  type OddsInput,
  type OddsKind,
  type OddsMarket,
} from './repositories/odds.repository';
export {
  registerModel,
  setModelStatus,
  getChampion,
  findModel,
  listModels,
  type ModelRecord,
  type ModelInput,
  type ModelStatus,
} from './repositories/models.repository';
export {
  saveReport,
  findReport,
  latestReport,
  pruneReports,
  type ModelReport,
  type ModelReportInput,
} from './repositories/reports.repository';
export {
  readServingState,
  type ServedLeague,
  type ServingState,
} from './repositories/serving-state.repository';
export {
  insertPrediction,
  getPrediction,
  latestPredictionForFixture,
  listUnsettledWithResult,
  settlePrediction,
  listPredictions,
  type Prediction,
  type PredictionInput,
  type Settlement,
  type MatchOutcome,
} from './repositories/predictions.repository';
export {
  countUnsealedPredictions,
  LEDGER_SEAL_BATCH,
  ledgerHead,
  sealPendingPredictions,
  type LedgerHead,
} from './repositories/prediction-ledger.repository';
export {
  verifyLedger,
  type LedgerBreak,
  type LedgerBreakKind,
  type LedgerVerification,
} from './repositories/prediction-ledger.verify';
export {
  getChat,
  upsertChat,
  markChatBlocked,
  type Chat,
  type ChatLanguage,
  type ChatPatch,
} from './repositories/chats.repository';
export {
  upsertSubscription,
  removeSubscription,
  listSubscriptions,
  markSubscriptionSent,
  type Subscription,
} from './repositories/subscriptions.repository';
export {
  getSyncCursor,
  setSyncCursor,
  type SyncCursor,
} from './repositories/sync-cursors.repository';
export {
  getBootstrapState,
  openBootstrap,
  acquireBootstrapLease,
  renewBootstrapLease,
  releaseBootstrapLease,
  finishBootstrap,
  markBootstrapStep,
  doneBootstrapSteps,
  type BootstrapState,
  type BootstrapStatus,
} from './repositories/bootstrap-state.repository';
export {
  backupSqlite,
  restoreSqlite,
  rotateBackups,
  checkBackupFile,
  backupFileName,
  BACKUP_FILE_PATTERN,
  RestoreRefusedError,
} from './backup';
export {
  claimOutboxDelivery,
  confirmOutboxDelivery,
  deleteOutboxDeliveriesBefore,
  listGroupDeliveriesSince,
  listOutboxDeliveries,
  releaseOutboxDelivery,
  type OutboxDelivery,
} from './repositories/outbox-deliveries.repository';
export { runMaintenance, type MaintenanceReport } from './maintenance';
export { listLeagueResults, type ResultRow } from './repositories/training-data.repository';
export {
  acceptTerms,
  countValueAlerts,
  getAlertSettings,
  getStaking,
  getTermsAcceptance,
  getValueAlert,
  listActiveAlertSettings,
  listPicks,
  listUnsettledPicksWithResult,
  markValueAlertQueued,
  recordValueAlert,
  saveAlertSettings,
  setStaking,
  settlePick,
  trackPick,
  type AlertSettings,
  type AlertSettingsPatch,
  type Pick,
  type PickInput,
  type PickSettlement,
  type Staking,
  type TermsAcceptance,
  type ValueAlert,
  type ValueAlertInput,
} from './repositories/betting.repository';
