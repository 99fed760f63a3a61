// Champion models per league, kept in memory between uses (the worker's predictions; the bot's
// team names, ratings and season odds). Loading an artifact means reading and hashing a JSON
// file and building a team resolver, so it is done once per champion. What changes only with a
// promotion or an import (the leagues, each league's champion, the alias table behind the
// resolvers) is re-read in one query at most once per `revalidateMs`, and at once after
// invalidate() (this process promoted a model or imported teams): a use itself costs no query
// here. A promotion by another process (the CLI) is noticed within revalidateMs.
import { readServingState, type Db, type ServedLeague, type ServingState } from '@scoreline/db';
import { createLeaguePredictor, NoModelError, type LeaguePredictor } from './predict-match';

interface Entry {
  /** `version:sha256` of the champion and the alias stamp this entry was loaded for. */
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
  /** Re-reads the leagues, champions and aliases on the next use (after a promotion or import). */
  invalidate(): void;
  /** How many artifact loads happened (tests and logs). */
  readonly loads: number;
}

export interface ChampionCacheOptions {
  /** How long the leagues, champions and alias stamp are trusted (default 1000 ms). */
  revalidateMs?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

export const DEFAULT_REVALIDATE_MS = 1_000;

export function createChampionCache(
  db: Db,
  registryDir: string,
  warn: (line: string) => void,
  opts: ChampionCacheOptions = {},
): ChampionCache {
  const revalidateMs = opts.revalidateMs ?? DEFAULT_REVALIDATE_MS;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let loads = 0;
  let state: { at: number; value: ServingState } | undefined;
  let reading: Promise<ServingState> | undefined;

  /** The serving state, re-read when stale; concurrent callers share one read. */
  const current = (): Promise<ServingState> => {
    if (state && now() - state.at < revalidateMs) return Promise.resolve(state.value);
    reading ??= readServingState(db)
      .then((value) => {
        state = { at: now(), value };
        return value;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };

  const predictorOf = (league: ServedLeague, aliasStamp: string) => {
    const code = league.code;
    if (!league.champion) {
      entries.delete(code);
      return Promise.resolve(null);
    }
    const key = `${league.champion.version}:${league.champion.sha256}:${aliasStamp}`;
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
    invalidate() {
      state = undefined;
    },
    async get(code) {
      const { leagues, aliasStamp } = await current();
      const league = leagues.find((l) => l.code === code);
      if (!league) {
        entries.delete(code);
        return null;
      }
      return predictorOf(league, aliasStamp);
    },
    async all() {
      const { leagues, aliasStamp } = await current();
      const predictors = await Promise.all(leagues.map((l) => predictorOf(l, aliasStamp)));
      return predictors.filter((p): p is LeaguePredictor => p !== null);
    },
    async leagueCode(league) {
      const arg = league.trim().toUpperCase();
      const { leagues } = await current();
      const found =
        leagues.find((l) => l.code === arg) ??
        (/^\d+$/.test(arg) ? leagues.find((l) => l.sportmonksId === Number(arg)) : undefined);
      return found?.code ?? null;
    },
  };
}
