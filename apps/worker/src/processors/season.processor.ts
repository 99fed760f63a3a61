// The rest of a league's season by simulation (/season), with the league's champion when it rates
// every team (else a model fitted on the stored results: see seasonOdds). Nothing is stored: it
// is a view of today's table and champion, recomputed on demand.
import type { Db } from '@scoreline/db';
import type { ProcessorContext, SeasonPayload, SeasonResult } from '@scoreline/queue';
import { seasonOdds, type ChampionCache } from '@scoreline/training';

export function createSeasonProcessor(deps: { db: Db; champions: ChampionCache }) {
  return async function season(
    payload: SeasonPayload,
    _ctx: ProcessorContext,
  ): Promise<SeasonResult> {
    const champion = await deps.champions.get(payload.league);
    return seasonOdds(deps.db, champion, payload);
  };
}
