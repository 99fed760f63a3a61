// Public API of @scoreline/model: pure functions and plain-JSON types only.
export type {
  DixonColesParams,
  MatchResult,
  MatchStats,
  Outcome,
  Probs1x2,
  ScoreMatrix,
  TeamRating,
} from './types';
export { UnknownTeamError } from './types';
export { createRng, samplePoisson, type Rng } from './rng';
export { addDays, dayNumber, daysBetween, timeWeight } from './time-weights';
export { minimizeLbfgs, wolfeLineSearch, type LbfgsOptions, type LbfgsResult } from './optim/lbfgs';
export { tau } from './dixon-coles/tau';
export {
  DEFAULT_NEWCOMER_PRIOR,
  DEFAULT_PRIOR_WEIGHT,
  DEFAULT_XI,
  fitDixonColes,
  prepareDixonColes,
  solveDixonColes,
  type DixonColesFitOptions,
  type PreparedFit,
} from './dixon-coles/fit';
export {
  expectedGoals,
  outcomeProbs,
  predictScoreMatrix,
  scoreMatrixFromRates,
  type PredictOptions,
} from './dixon-coles/predict';
export {
  createEloModel,
  fitElo,
  fitOrderedLogit,
  orderedLogitProbs,
  predictElo,
  type EloOptions,
  type EloState,
  type OrderedLogit,
} from './ratings/elo';
export {
  dynamicPoissonRates,
  fitDynamicPoisson,
  type DynamicPoissonOptions,
  type DynamicPoissonState,
} from './ratings/dynamic-poisson';
export {
  blendProbs,
  fitBlendWeights,
  fitLogPoolWeights,
  logPoolProbs,
  type BlendFit,
} from './blend';
export {
  computeMarkets,
  type AsianHandicapLine,
  type AsianHandicapSide,
  type MarketOptions,
  type Markets,
  type TotalLine,
} from './markets';
export {
  brier,
  calibration,
  logLoss,
  outcomeOf,
  rps,
  summarize,
  type CalibrationBin,
  type MetricSummary,
} from './metrics';
export {
  pairedRpsDifference,
  rpsInterval,
  type BootstrapOptions,
  type PairedDifference,
  type RpsInterval,
} from './uncertainty';
export { devigMultiplicative, devigPower, devigShin, shinZ } from './devig';
export {
  DEFAULT_WARMUP_DAYS,
  rollingBacktest,
  warmedBacktest,
  type WarmedBacktest,
  type BacktestModel,
  type BacktestOptions,
  type BacktestPrediction,
  type FitContext,
} from './backtest';
export {
  COMPONENTS,
  conformMatrix,
  createProductionModel,
  ELO_DEFAULTS,
  PRODUCTION_DEFAULTS,
  shotsProxy,
  shotsProxyGoals,
  type ComponentName,
  type ProductionModel,
  type ProductionOptions,
  type ProductionPrediction,
  type ProductionState,
} from './production';
export {
  ARTIFACT_SCHEMA,
  ArtifactError,
  fromArtifact,
  toArtifact,
  type ModelArtifact,
} from './artifact';
export {
  EXPLAIN_FACTORS,
  eloLeagueMean,
  explainMatch,
  type ExplainFactor,
  type ExplainFactorName,
  type MatchExplanation,
} from './explain';
export { compareRows, leagueTable, type FormLetter, type TableRow } from './season/league-table';
export {
  remainingRoundRobin,
  simulateSeason,
  startSeasonSimulation,
  type FixtureForecast,
  type SeasonOutlook,
  type SeasonSimulation,
  type SeasonSimulationOptions,
  type TeamOutlook,
} from './season/simulate-season';
export { scoreSeasonForecast, type SeasonForecastScores } from './season/season-scores';
