// The sandbox's history: football-data CSVs from the command line, or the simulated league; then
// every league is retrained so the bot has a champion to answer with. Returns the lines the
// startup prints.
import {
  addTeamAlias,
  listLeagues,
  upsertFixture,
  upsertLeague,
  upsertSeason,
  upsertTeam,
  writeTransaction,
  type Db,
} from '@scoreline/db';
import { importFootballDataFile } from '@scoreline/feeds';
import { retrainLeagues, type RetrainOptions } from '@scoreline/training';
import type { SimulatedLeague } from './simulated-league';

/**
 * Shorter windows than a production retrain (365 days evaluated, 300 of history first): one
 * season of CSV is enough, and the sandbox is ready in seconds. Every candidate still competes.
 */
export const SANDBOX_RETRAIN: Omit<RetrainOptions, 'league'> = {
  minHistoryDays: 100,
  evalDays: 120,
  warmupDays: 0,
  refitDays: 14,
};

/** Where a retrain writes: MODEL_REGISTRY_PATH and REPORTS_DIR. */
export interface RegistryPaths {
  modelRegistryPath: string;
  reportsDir: string;
}

/** Imports each file; any file the importer rejects as a whole stops the sandbox (it throws). */
export async function importFiles(
  db: Db,
  files: readonly string[],
  league: string | undefined,
): Promise<string[]> {
  const lines: string[] = [];
  for (const file of files) {
    const r = await importFootballDataFile(db, file, league ? { league } : {});
    lines.push(
      `imported ${file}: ${r.inserted} matches` +
        (r.rejected > 0 ? `, ${r.rejected} rows rejected` : ''),
    );
  }
  return lines;
}

/** Writes the simulated league through the repositories, as an importer would. */
export async function storeSimulatedLeague(db: Db, league: SimulatedLeague): Promise<string[]> {
  // One transaction for ~400 rows: SQLite commits once instead of once per row.
  await writeTransaction(db, async (tx) => {
    const { id: leagueId } = await upsertLeague(tx, { code: league.code, name: league.name });
    const teamIds = new Map<string, number>();
    for (const club of league.clubs) {
      const { id } = await upsertTeam(tx, { name: club.name });
      teamIds.set(club.name, id);
      // The Russian name as an alias, as the bundled alias files give real clubs one.
      await addTeamAlias(tx, { teamId: id, alias: club.name, lang: 'en', source: 'sandbox' });
      await addTeamAlias(tx, { teamId: id, alias: club.ru, lang: 'ru', source: 'sandbox' });
    }
    const seasonIds = new Map<string, number>();
    const seasonId = async (name: string) => {
      let id = seasonIds.get(name);
      if (id === undefined) {
        id = (await upsertSeason(tx, { leagueId, name })).id;
        seasonIds.set(name, id);
      }
      return id;
    };
    const team = (name: string) => teamIds.get(name)!;
    for (const m of league.matches) {
      const { season, home, away, ...result } = m;
      await upsertFixture(tx, {
        ...result,
        leagueId,
        seasonId: await seasonId(season),
        homeTeamId: team(home),
        awayTeamId: team(away),
        status: 'finished',
        source: 'sandbox',
      });
    }
    for (const f of league.upcoming) {
      await upsertFixture(tx, {
        leagueId,
        seasonId: await seasonId(f.season),
        kickoffAt: f.kickoffAt,
        homeTeamId: team(f.home),
        awayTeamId: team(f.away),
        status: 'scheduled',
        source: 'sandbox',
      });
    }
  });
  return [
    `simulated league ${league.code}, seed ${league.seed}: ${league.clubs.length} clubs, ` +
      `${league.matches.length} finished matches, ${league.upcoming.length} upcoming fixtures`,
  ];
}

/** Retrains every league in the database; one line per league. */
export async function retrainEveryLeague(db: Db, paths: RegistryPaths): Promise<string[]> {
  const leagues = (await listLeagues(db)).map((l) => l.code);
  const outcomes = await retrainLeagues(
    { db, registryDir: paths.modelRegistryPath, reportsDir: paths.reportsDir, keep: 5 },
    { ...SANDBOX_RETRAIN, leagues },
  );
  return outcomes.map((o) => {
    if ('error' in o) return `retrain ${o.league}: not trained: ${o.error.message}`;
    const r = o.result;
    if (r.status === 'skipped') return `retrain ${o.league}: skipped: ${r.reason}`;
    const e = r.metrics.evaluation;
    return (
      `retrain ${o.league}: model ${r.version} (${r.metrics.candidate}), ` +
      `RPS ${e.rps.toFixed(4)} on ${e.n} matches, ${r.seconds.toFixed(1)} s`
    );
  });
}
