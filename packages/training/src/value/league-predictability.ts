// Whether value bets may be offered in a league, read from its champion's stored metrics: the
// one rule /value and the worker's value alerts share.
import { getChampion, type Db } from '@scoreline/db';
import { isLeaguePredictable, type Predictability } from '../retrain/predictability';

/** The league champion's predictability flag (not predictable when there is no champion). */
export async function leaguePredictability(db: Db, leagueCode: string): Promise<Predictability> {
  const champion = await getChampion(db, leagueCode);
  if (!champion) {
    return {
      predictable: false,
      seasons: [],
      n: 0,
      modelRps: null,
      marketRps: null,
      reason: `there is no ${leagueCode} model yet`,
    };
  }
  return isLeaguePredictable(champion.metrics);
}
