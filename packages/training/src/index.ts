// Public API of @scoreline/training: the model registry (artifact store), retraining, reports
// and charts, and the prediction service, shared by the CLI and the worker.
export {
  artifactTeams,
  artifactWindow,
  serialiseArtifact,
  sha256Hex,
  validateArtifactDocument,
  type ArtifactDocument,
  type ArtifactTeam,
  type DataWindow,
} from './registry/artifact-document';
export {
  artifactRelativePath,
  ArtifactUnusableError,
  readArtifact,
  resolveArtifactPath,
  saveArtifact,
} from './registry/artifact-store';
export {
  removeStaleTemps,
  writeFileAtomic,
  type AtomicWriteOptions,
  type AtomicWriteStage,
} from './registry/atomic-write';
export {
  importArtifact,
  ImportRejectedError,
  type ImportOptions,
  type ImportResult,
} from './registry/import-artifact';
export { loadChampion, loadModel, type LoadedModel } from './registry/load-champion';
export { pruneArtifacts } from './registry/prune';
export { nextVersion } from './registry/version';
export {
  DEFAULT_CANDIDATES,
  describeParameters,
  effectiveParameters,
  type Candidate,
} from './retrain/candidates';
export {
  retrainLeague,
  retrainLeagues,
  RetrainError,
  type LeagueRetrain,
  type RetrainDeps,
  type RetrainMetrics,
  type RetrainOptions,
  type RetrainResult,
} from './retrain/retrain';
export {
  assessPredictability,
  isLeaguePredictable,
  PREDICTABLE_MARGIN,
  type Predictability,
} from './retrain/predictability';
export { metricsBySeason, seasonMetrics, type OddsOf } from './retrain/retrain-metrics';
export type { SeasonMetrics } from './reports/report-markdown';
export { seasonOf } from './retrain/training-data';
export {
  groupOddsByFixture,
  MARKET_YARDSTICKS,
  marketProbs,
  type MarketYardstick,
} from './market/market-probs';
export * from './market/books';
export * from './value/money';
export { leaguePredictability } from './value/league-predictability';
export { equityChartPng, equityChartSvg, type EquityPoint } from './value/equity-chart';
export {
  calibrationChartSvg,
  CHART,
  type CalibrationChartOptions,
  type CalibrationSeries,
} from './reports/calibration-chart';
export { CHART_FONT_FAMILY, CHART_FONT_FILE, renderPng } from './reports/render-png';
export { reportFiles } from './reports/report-files';
export { renderReportMarkdown, type ReportData } from './reports/report-markdown';
export {
  createLeaguePredictor,
  NoModelError,
  SameTeamError,
  type LeaguePredictor,
  type MatchForecast,
} from './predict/predict-match';
export { createTeamResolver, TeamNameError, type TeamResolver } from './predict/team-resolver';
export {
  createLocalPredictor,
  createQueuePredictor,
  forecastMatch,
  forecastResult,
  LeagueRequiredError,
  type ForecastAttempt,
  type PredictRequest,
  type Predictor,
} from './predict/predictor';
export {
  createPredictionService,
  type ComputedForecast,
  type FixtureForecast,
  type FixtureRef,
  type PredictionService,
  type SealedForecast,
} from './predict/prediction-service';
export {
  FUZZY_MAX_DISTANCE,
  FUZZY_MIN_MARGIN,
  transliteratedKey,
  typoDistance,
  type MatchKind,
  type TeamMatch,
} from './predict/team-resolver';
export {
  chooseLeague,
  type LeagueChoice,
  type LeagueResolver,
  type ResolvedSide,
} from './predict/match-league';
export {
  favouriteOf,
  scoreSummary,
  settledFixtureIds,
  trackRecord,
  trackRecordByLeague,
  type MarketComparison,
  type ScoreSummary,
  type TrackRecord,
  type TrackRecordPeriod,
} from './track-record/track-record';
export { trackRecordChartPng, trackRecordChartSvg } from './track-record/track-record-chart';
export {
  CSV_BOM,
  csvField,
  csvLines,
  PREDICTION_CSV_COLUMNS,
  predictionsCsv,
  type PredictionCsvLookups,
} from './track-record/predictions-csv';
export {
  runBootstrap,
  type BootstrapDeps,
  type BootstrapOptions,
  type BootstrapResult,
} from './bootstrap/bootstrap';
export {
  DEFAULT_SEASON_RUNS,
  fittedForecast,
  SeasonDataError,
  seasonOutlook,
  stateForecast,
  type ScoreForecast,
  type SeasonOutlook,
  type SeasonOutlookOptions,
} from './season/season-outlook';
export { championRatings } from './season/champion-ratings';
export { seasonOdds } from './season/season-odds';
export { leagueStandings, seasonStarting, type Standings } from './season/standings';
export {
  headToHead,
  teamForm,
  type HeadToHead,
  type MatchOutcome,
  type Meeting,
  type TeamForm,
  type TeamMatchLine,
} from './season/team-record';
export {
  createChampionCache,
  DEFAULT_REVALIDATE_MS,
  type ChampionCache,
  type ChampionCacheOptions,
} from './predict/champion-cache';
