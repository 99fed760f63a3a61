// The season so far and its odds: the stored results of a league's season before a date, the
// table they make, and a Monte Carlo of the rest of the season (every pairing of the double
// round-robin not yet played) with a score forecast per match.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { findLeagueByCode, getTeam, listFixtures, listLeagueResults, type Db } from '@scoreline/db';
import {
  createProductionModel,
  createRng,
  leagueTable,
  remainingRoundRobin,
  startSeasonSimulation,
  type MatchResult,
  type FixtureForecast,
  type ScoreMatrix,
  type SeasonOutlook,
} from '@scoreline/model';
import { seasonOf } from '../retrain/training-data';

export type { SeasonOutlook };

/** A score forecast for a match between two of the season's teams (canonical names). */
export type ScoreForecast = (home: string, away: string) => ScoreMatrix;

export interface SeasonOutlookOptions {
  league: string;
  /** Results before this ISO date count as played; the rest of its season is simulated. */
  asOf: string;
  runs?: number;
  seed?: number;
}

/** Raised when a league or season has nothing to work on; the message says which. */
export class SeasonDataError extends Error {
  override readonly name = 'SeasonDataError';
}

export const DEFAULT_SEASON_RUNS = 10_000;

/**
 * Work done between two turns of the event loop: forecasts of this many pairings, or this many
 * simulated seasons (about 10 ms of a Premier League half-season), so a worker simulating a
 * season keeps answering /predict instead of stalling it for the whole simulation.
 */
const FORECASTS_PER_TURN = 20;
const RUNS_PER_TURN = 1_000;

/**
 * `forecastFor` receives the league's results before `asOf` (oldest first) and the season's
 * teams, and returns the score forecast to simulate with: the champion's, or a model fitted as
 * of that date (see {@link fittedForecast}).
 */
export async function seasonOutlook(
  db: Db,
  opts: SeasonOutlookOptions,
  forecastFor: (history: readonly MatchResult[], teams: readonly string[]) => ScoreForecast,
): Promise<SeasonOutlook> {
  const league = await findLeagueByCode(db, opts.league);
  if (!league) throw new SeasonDataError(`unknown league ${opts.league}`);
  const season = seasonOf(opts.asOf);
  const start = `${season.slice(0, 4)}-07-01`;
  const end = `${Number(season.slice(0, 4)) + 1}-06-30`;
  const teams = await seasonTeams(db, league.id, start, end);
  if (teams.length < 2) {
    throw new SeasonDataError(`no ${league.code} fixtures stored for the ${season} season`);
  }
  const results = (await listLeagueResults(db, { leagueId: league.id, leagueCode: league.code }))
    .filter((r) => r.date < opts.asOf)
    .map(({ date, home, away, homeGoals, awayGoals, stats }) => ({
      date,
      home,
      away,
      homeGoals,
      awayGoals,
      stats,
    }));
  const played = results.filter((r) => r.date >= start);
  const forecast = forecastFor(results, teams);
  const remaining: FixtureForecast[] = [];
  for (const p of remainingRoundRobin(teams, played)) {
    remaining.push({ ...p, matrix: forecast(p.home, p.away) });
    if (remaining.length % FORECASTS_PER_TURN === 0) await nextTurn();
  }
  const runs = opts.runs ?? DEFAULT_SEASON_RUNS;
  const simulation = startSeasonSimulation(played, remaining, { rng: createRng(opts.seed ?? 1) });
  while (simulation.runs < runs) {
    simulation.play(Math.min(RUNS_PER_TURN, runs - simulation.runs));
    await nextTurn();
  }
  const outlook = simulation.outlook();
  return {
    league: league.code,
    season,
    asOf: opts.asOf,
    runs,
    played: played.length,
    remaining: remaining.length,
    table: leagueTable(played, teams),
    outlook: outlook.sort((a, b) => b.expectedPoints - a.expectedPoints),
  };
}

/** The production model fitted on `history` as of `asOf`, rating newcomers among `teams`. */
export function fittedForecast(
  history: readonly MatchResult[],
  teams: readonly string[],
  asOf: string,
): ScoreForecast {
  const model = createProductionModel();
  const state = model.fit(history, asOf, { teams });
  return (home, away) => model.predict(state, home, away).matrix;
}

async function seasonTeams(db: Db, leagueId: number, from: string, to: string): Promise<string[]> {
  const ids = new Set<number>();
  for (const f of await listFixtures(db, { leagueId, from, to })) {
    ids.add(f.homeTeamId);
    ids.add(f.awayTeamId);
  }
  const names: string[] = [];
  for (const id of ids) {
    const team = await getTeam(db, id);
    if (team) names.push(team.name);
  }
  return names.sort((a, b) => a.localeCompare(b));
}

/** The score forecast of a fitted production state (a champion's artifact). */
export function stateForecast(
  state: Parameters<ReturnType<typeof createProductionModel>['predict']>[0],
): ScoreForecast {
  const model = createProductionModel(state.options);
  return (home, away) => model.predict(state, home, away).matrix;
}
