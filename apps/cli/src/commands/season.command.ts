// `scoreline season`: the table so far and the season's odds by simulation (title, top four,
// relegation, expected points), as of today with the champion, or as of a past date with the
// production model refitted on the results before it (the champion has seen that season end).
// `--score N` measures those past forecasts against the final tables of the last N seasons.
import { listLeagueResults, type Db, type League } from '@scoreline/db';
import {
  createProductionModel,
  leagueTable,
  scoreMatrixFromRates,
  scoreSeasonForecast,
  type MatchResult,
  type SeasonForecastScores,
} from '@scoreline/model';
import {
  fittedForecast,
  loadChampion,
  SeasonDataError,
  seasonOf,
  seasonOutlook,
  type ScoreForecast,
  type SeasonOutlook,
  type SeasonOutlookOptions,
} from '@scoreline/training';
import { parseArgs } from 'node:util';
import { parseDateOption, requireLeague } from '../arguments';
import {
  CommandFailure,
  EXIT,
  InvalidInputError,
  openMigratedDb,
  UsageError,
  type CommandContext,
} from '../context';

export const seasonUsage =
  'scoreline season --league CODE [--as-of YYYY-MM-DD] [--runs N] [--json] | --score N   season odds by simulation';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`.padStart(6);

function parseSeasonArgs(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        league: { type: 'string' },
        'as-of': { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        score: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (!v.league) throw new UsageError('season needs --league CODE');
  const whole = (value: string | undefined, flag: string, max: number) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new InvalidInputError(
        `${flag} must be a whole number from 1 to ${max}, got "${value}"`,
      );
    }
    return n;
  };
  return {
    league: v.league,
    asOf: v['as-of'] === undefined ? undefined : parseDateOption(v['as-of'], '--as-of'),
    runs: whole(v.runs, '--runs', 1_000_000),
    seed: whole(v.seed, '--seed', 2 ** 31),
    score: whole(v.score, '--score', 30),
    json: v.json ?? false,
  };
}

export async function seasonCommand(args: string[], ctx: CommandContext): Promise<number> {
  const opts = parseSeasonArgs(args);
  const { db } = await openMigratedDb(ctx.config);
  try {
    const league = await requireLeague(db, opts.league);
    if (opts.score !== undefined) return await scoreSeasons(db, league, opts.score, opts, ctx);
    const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
    const forecastFor = opts.asOf
      ? (history: readonly MatchResult[], teams: readonly string[]) =>
          fittedForecast(history, teams, asOf)
      : await championForecast(db, ctx, league.code);
    const outlook = await seasonOutlook(db, outlookOptions(league, asOf, opts), forecastFor);
    if (opts.json) ctx.output.out(JSON.stringify(outlook));
    else for (const line of describeOutlook(outlook)) ctx.output.out(line);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof SeasonDataError) throw new CommandFailure(err.message);
    throw err;
  } finally {
    await db.destroy();
  }
}

function outlookOptions(
  league: League,
  asOf: string,
  opts: { runs?: number; seed?: number },
): SeasonOutlookOptions {
  return {
    league: league.code,
    asOf,
    ...(opts.runs ? { runs: opts.runs } : {}),
    ...(opts.seed ? { seed: opts.seed } : {}),
  };
}

async function championForecast(db: Db, ctx: CommandContext, code: string) {
  const loaded = await loadChampion(db, ctx.config.paths.modelRegistryPath, code, (line) =>
    ctx.output.err(`warning: ${line}`),
  );
  if (!loaded) {
    throw new CommandFailure(
      `no usable ${code} model: run scoreline retrain --league ${code}, or give --as-of`,
    );
  }
  const model = createProductionModel(loaded.artifact.state.options);
  const forecast: ScoreForecast = (home, away) =>
    model.predict(loaded.artifact.state, home, away).matrix;
  return () => forecast;
}

export function describeOutlook(o: SeasonOutlook): string[] {
  const lines = [
    `${o.league} ${o.season} as of ${o.asOf}: ${o.played} matches played, ${o.remaining} simulated ${o.runs} times`,
    `${'team'.padEnd(24)} pts  exp pts  title   top 4  releg.`,
  ];
  for (const t of o.outlook) {
    lines.push(
      `${t.team.padEnd(24)} ${String(t.points).padStart(3)}  ${t.expectedPoints.toFixed(1).padStart(7)} ${pct(t.title)}  ${pct(t.top)}  ${pct(t.relegation)}`,
    );
  }
  return lines;
}

/**
 * The as-of-1-January forecast of each of the last `count` complete seasons, scored against the
 * final table, next to a baseline that plays every remaining match at the league's average score.
 */
async function scoreSeasons(
  db: Db,
  league: League,
  count: number,
  opts: { runs?: number; seed?: number; json: boolean },
  ctx: CommandContext,
): Promise<number> {
  const results = await listLeagueResults(db, { leagueId: league.id, leagueCode: league.code });
  const seasons = completeSeasons(results).slice(-count);
  if (seasons.length === 0) throw new CommandFailure(`no complete ${league.code} season stored`);
  const rows = [];
  for (const { season, finalOrder } of seasons) {
    const asOf = `${Number(season.slice(0, 4)) + 1}-01-01`;
    const run = (forecastFor: Parameters<typeof seasonOutlook>[2]) =>
      seasonOutlook(db, outlookOptions(league, asOf, opts), forecastFor);
    const model = await run((history, teams) => fittedForecast(history, teams, asOf));
    const flat = await run((history) => averageScoreForecast(history.slice(-380)));
    rows.push({
      season,
      asOf,
      model: scoreSeasonForecast(model.outlook, finalOrder),
      baseline: scoreSeasonForecast(flat.outlook, finalOrder),
    });
  }
  if (opts.json) {
    ctx.output.out(JSON.stringify({ league: league.code, seasons: rows }));
    return EXIT.ok;
  }
  ctx.output.out(
    `${league.code}: forecasts as of 1 January scored against the final table (model | every match at the league average)`,
  );
  ctx.output.out('season   position RPS      title Brier      top-4 Brier      releg. Brier');
  const cell = (a: number, b: number) => `${a.toFixed(4)} | ${b.toFixed(4)}`;
  const line = (label: string, m: SeasonForecastScores, b: SeasonForecastScores) =>
    `${label.padEnd(7)}  ${cell(m.positionRps, b.positionRps)}  ${cell(m.titleBrier, b.titleBrier)}  ${cell(m.topBrier, b.topBrier)}  ${cell(m.relegationBrier, b.relegationBrier)}`;
  for (const r of rows) ctx.output.out(line(r.season, r.model, r.baseline));
  if (rows.length > 1) {
    ctx.output.out(
      line('mean', meanScores(rows.map((r) => r.model)), meanScores(rows.map((r) => r.baseline))),
    );
  }
  return EXIT.ok;
}

function meanScores(all: readonly SeasonForecastScores[]): SeasonForecastScores {
  const mean = (pick: (s: SeasonForecastScores) => number) =>
    all.reduce((sum, s) => sum + pick(s), 0) / all.length;
  return {
    positionRps: mean((s) => s.positionRps),
    titleBrier: mean((s) => s.titleBrier),
    topBrier: mean((s) => s.topBrier),
    relegationBrier: mean((s) => s.relegationBrier),
  };
}

/** Seasons whose every double round-robin pairing is stored, with their final order. */
function completeSeasons(results: readonly MatchResult[]) {
  const bySeason = new Map<string, MatchResult[]>();
  for (const r of results) {
    const s = seasonOf(r.date);
    bySeason.set(s, [...(bySeason.get(s) ?? []), r]);
  }
  const out: Array<{ season: string; finalOrder: string[] }> = [];
  for (const [season, matches] of [...bySeason].sort(([a], [b]) => a.localeCompare(b))) {
    const teams = new Set(matches.flatMap((m) => [m.home, m.away]));
    if (matches.length !== teams.size * (teams.size - 1)) continue;
    out.push({ season, finalOrder: leagueTable(matches).map((r) => r.team) });
  }
  return out;
}

/** Every match at the league's average home and away goals of `recent` (no team strengths). */
function averageScoreForecast(recent: readonly MatchResult[]): ScoreForecast {
  const mean = (pick: (m: MatchResult) => number) =>
    recent.reduce((s, m) => s + pick(m), 0) / Math.max(1, recent.length);
  const matrix = scoreMatrixFromRates(
    mean((m) => m.homeGoals),
    mean((m) => m.awayGoals),
    0,
  );
  return () => matrix;
}
