// Champion models per league, kept in memory between predictions. Loading an artifact means
// reading and hashing a JSON file and building a team resolver, so it is done once per champion;
// a cheap registry read (getChampion) before every use notices a promotion or a re-import.
import { findLeague, getChampion, listLeagues, type Db } from '@scoreline/db';
import { createLeaguePredictor, NoModelError, type LeaguePredictor } from '@scoreline/training';

interface Entry {
  /** `version:sha256` of the champion row this entry was loaded for. */
  key: string;
  predictor: Promise<LeaguePredictor | null>;
}

/** Serves a league's champion predictor, reloaded when the registry's champion changes. */
export interface ChampionCache {
  /** The league's code (`E0`) for a code or SportMonks id; null when the league is unknown. */
  leagueCode(league: string): Promise<string | null>;
  /** The champion's predictor, or null when the league has no usable model. */
  get(leagueCode: string): Promise<LeaguePredictor | null>;
  /**
   * The predictors of every league that has a usable champion, by league code (a prediction
   * without a league is matched against all of them).
   */
  all(): Promise<LeaguePredictor[]>;
  /** How many artifact loads happened (tests and logs). */
  readonly loads: number;
}

export function createChampionCache(
  db: Db,
  registryDir: string,
  warn: (line: string) => void,
): ChampionCache {
  const entries = new Map<string, Entry>();
  const codes = new Map<string, string>();
  let loads = 0;

  const get = async (code: string): Promise<LeaguePredictor | null> => {
    const champion = await getChampion(db, code);
    if (!champion) {
      entries.delete(code);
      return null;
    }
    const key = `${champion.version}:${champion.sha256}`;
    const cached = entries.get(code);
    if (cached?.key === key) return cached.predictor;
    loads += 1;
    // One load per champion even when several predictions arrive together (single flight).
    const predictor = createLeaguePredictor(db, registryDir, code, warn).catch((err: unknown) => {
      if (err instanceof NoModelError) return null;
      entries.delete(code);
      throw err;
    });
    entries.set(code, { key, predictor });
    return predictor;
  };

  return {
    get loads() {
      return loads;
    },
    get,
    async all() {
      const leagues = await listLeagues(db);
      const predictors = await Promise.all(leagues.map((l) => get(l.code)));
      return predictors.filter((p): p is LeaguePredictor => p !== null);
    },
    async leagueCode(league) {
      const arg = league.trim().toUpperCase();
      const known = codes.get(arg);
      if (known) return known;
      const found = await findLeague(db, arg);
      if (!found) return null;
      codes.set(arg, found.code);
      return found.code;
    },
  };
}
