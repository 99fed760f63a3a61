// A team's ratings in its league's champion (/form), read where the champions are.
import type { ProcessorContext, RatingsPayload, RatingsResult } from '@scoreline/queue';
import { championRatings, type ChampionCache } from '@scoreline/training';

export function createRatingsProcessor(deps: { champions: ChampionCache }) {
  return async function ratings(
    payload: RatingsPayload,
    _ctx: ProcessorContext,
  ): Promise<RatingsResult> {
    return championRatings(await deps.champions.get(payload.league), payload);
  };
}
