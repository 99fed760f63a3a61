// The league champions as the bot reads them for football context (team names, ratings, season
// odds): the worker's champion cache over MODEL_REGISTRY_PATH when this process predicts without
// a worker, and, for a league whose champion it cannot load (or with no registry at all), a
// team-name resolver over the league's stored teams, so names still match as /predict matches
// them.
import { findLeagueByCode, getTeam, listFixtures, type Db, type League } from '@scoreline/db';
import {
  createChampionCache,
  createTeamResolver,
  type ChampionCache,
  type LeaguePredictor,
  type LeagueResolver,
  type TeamResolver,
} from '@scoreline/training';

export interface ChampionService {
  /** The league's champion; null when it has none or this process cannot read its artifact. */
  champion(leagueCode: string): Promise<LeaguePredictor | null>;
  /** Each league's team-name resolver, in the order given (as the worker's /predict uses them). */
  resolvers(leagues: readonly League[]): Promise<LeagueResolver[]>;
  /** The league by its code. */
  league(code: string): Promise<League | null>;
}

const DAY_MS = 86_400_000;
/** Stored teams of a league without a usable champion: those with a fixture this recent. */
const STORED_TEAMS_DAYS = 730;
/** A stored-teams resolver is rebuilt this often (imports add teams and aliases). */
const STORED_RESOLVER_TTL_MS = 60_000;

export function createChampionService(deps: {
  db: Db;
  /** MODEL_REGISTRY_PATH; without it no champion is loaded (stored teams only). */
  registryDir?: string;
  warn: (line: string) => void;
  now: () => Date;
}): ChampionService {
  const { db } = deps;
  const cache: ChampionCache | null = deps.registryDir
    ? createChampionCache(db, deps.registryDir, deps.warn)
    : null;
  const stored = new Map<string, { at: number; resolver: Promise<TeamResolver> }>();

  const champion = async (code: string) => {
    if (!cache) return null;
    try {
      return await cache.get(code);
    } catch (err) {
      // An unreadable registry is no reason to fail a command that can answer without it.
      deps.warn(`champion ${code} unavailable to the bot: ${(err as Error).message}`);
      return null;
    }
  };

  const storedResolver = (league: League): Promise<TeamResolver> => {
    const at = deps.now().getTime();
    const hit = stored.get(league.code);
    if (hit && at - hit.at < STORED_RESOLVER_TTL_MS) return hit.resolver;
    const resolver = storedTeams(db, league, at).then((teams) =>
      createTeamResolver(db, league.code, teams),
    );
    resolver.catch(() => stored.delete(league.code));
    stored.set(league.code, { at, resolver });
    return resolver;
  };

  return {
    champion,
    league: (code) => findLeagueByCode(db, code),
    resolvers: (leagues) =>
      Promise.all(
        leagues.map(async (league) => ({
          league: league.code,
          resolver: (await champion(league.code))?.resolver ?? (await storedResolver(league)),
        })),
      ),
  };
}

async function storedTeams(db: Db, league: League, at: number) {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const fixtures = await listFixtures(db, {
    leagueId: league.id,
    from: day(at - STORED_TEAMS_DAYS * DAY_MS),
    to: day(at + 365 * DAY_MS),
  });
  const ids = new Set(fixtures.flatMap((f) => [f.homeTeamId, f.awayTeamId]));
  const teams = [];
  for (const id of ids) {
    const team = await getTeam(db, id);
    if (team) teams.push({ name: team.name, id: team.id });
  }
  return teams;
}
