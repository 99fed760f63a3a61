import {
  ELO_DEFAULTS,
  PRODUCTION_DEFAULTS,
  type ProductionOptions,
  type ProductionState,
} from '@scoreline/model';

/** One configuration a retrain fits and backtests. */
export interface Candidate {
  /** Short stable name, recorded in the registry and the report. */
  name: string;
  options: ProductionOptions;
}

/**
 * The production model at its tuned settings, and the same model with a longer and a shorter
 * memory (time decay ξ): form matters more in some seasons than in others, and the backtest on
 * the league's recent past decides which memory serves best now.
 */
export const DEFAULT_CANDIDATES: readonly Candidate[] = [
  { name: 'production', options: {} },
  { name: 'production-long-memory', options: { xi: 0.0018 } },
  { name: 'production-short-memory', options: { xi: 0.0036 } },
];

/** The settings a state was fitted with, defaults resolved (what the artifact records). */
export function effectiveParameters(
  options: ProductionOptions,
): Record<string, number | string | boolean> {
  const xi = options.xi ?? PRODUCTION_DEFAULTS.xi;
  const elo = { ...ELO_DEFAULTS, ...(options.elo ?? {}) };
  return {
    xi,
    shotsXi: options.shotsXi ?? xi,
    priorWeight: options.priorWeight ?? PRODUCTION_DEFAULTS.priorWeight,
    shotsShare: options.shotsShare ?? PRODUCTION_DEFAULTS.shotsShare,
    useOffTarget: options.useOffTarget ?? false,
    finishingShrink:
      options.finishingShrink === null
        ? 'off'
        : (options.finishingShrink ?? PRODUCTION_DEFAULTS.finishingShrink),
    redCardWeight: options.redCardWeight ?? PRODUCTION_DEFAULTS.redCardWeight,
    maxHistoryDays: options.maxHistoryDays ?? 1200,
    pooling: options.pooling ?? 'linear',
    onlineStacking: options.onlineStacking ?? true,
    stackingWindow: options.stackingWindow ?? 1900,
    stackingMin: options.stackingMin ?? 380,
    eloK: elo.k ?? 30,
    eloShotsShare: elo.shotsShare ?? 0,
    eloCornersShare: elo.cornersShare ?? 0,
    eloOffTargetShare: elo.offTargetShare ?? 0,
    eloEarlyBoost: elo.earlyBoost ?? 0,
    eloBoostMatches: elo.boostMatches ?? 6,
    eloSeasonRegression: elo.seasonRegression ?? 0,
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The settings of a fitted state in plain words, one sentence per line, for the report: what a
 * reader needs to know to trust (or question) the numbers.
 */
export function describeParameters(state: ProductionState): string[] {
  const p = effectiveParameters(state.options);
  const halfLife = (xi: number) => Math.round(Math.log(2) / xi);
  const w = state.weights;
  return [
    `Three models vote: Dixon-Coles on goals, the same model on an expected-goals proxy built from shots on target, and an Elo rating with an ordered-logit link; their 1X2 forecasts are pooled ${p.pooling === 'linear' ? 'linearly' : 'logarithmically'}.`,
    `Current pool weights: Dixon-Coles ${pct(w[0] ?? 0)}, shots model ${pct(w[1] ?? 0)}, Elo ${pct(w[2] ?? 0)}${state.weightsAsOf ? `, fitted on out-of-sample forecasts as of ${state.weightsAsOf}` : ' (equal weights: not enough out-of-sample forecasts yet to fit them)'}.`,
    `Memory: a match loses half its weight in the goal models after ${halfLife(Number(p.xi))} days (ξ = ${p.xi}/day); matches older than ${p.maxHistoryDays} days are ignored by them.`,
    `Shrinkage: every team's ratings are pulled toward the league average with the weight of ${p.priorWeight} matches; promoted teams start below average.`,
    `Shots proxy: expected goals = ${pct(1 - Number(p.shotsShare))} actual goals + ${pct(Number(p.shotsShare))} goals implied by shots on target${p.useOffTarget ? ' and off target' : ''}${p.finishingShrink !== 'off' ? `, each side's finishing and goalkeeping (goals per shot on target) shrunk to the league's with the weight of ${p.finishingShrink} shots` : ''}.`,
    `Matches with a red card count ${pct(Number(p.redCardWeight))} in the goal models (the scoreline says less about the teams).`,
    `Elo: K = ${p.eloK}${Number(p.eloEarlyBoost) > 0 ? ` (${pct(1 + Number(p.eloEarlyBoost))} of it for a team's first ${p.eloBoostMatches} matches after the summer break)` : ''}; a match is scored by its margin (goals, ${pct(Number(p.eloShotsShare))} shots on target, ${Number(p.eloOffTargetShare) > 0 ? `${pct(Number(p.eloOffTargetShare))} shots off target, ` : ''}${pct(Number(p.eloCornersShare))} corners) rather than win/draw/loss.`,
  ];
}
