// The rest of a league's current season by simulation (/season). Where a worker consumes the
// queue (the same choice as the bot's Predictor), it runs there as a `season` job: the worker has
// the champions, and a second of simulation never stalls the bot's updates. Otherwise (one
// process with the registry at hand) it runs here, by the same rule (seasonOdds).
import type { Db, League } from '@scoreline/db';
import type { QueueBackend, SeasonResult } from '@scoreline/queue';
import { seasonOdds } from '@scoreline/training';
import type { ChampionService } from './champions';

export interface SeasonOddsService {
  outlook(league: League, runs: number): Promise<SeasonResult>;
}

export function createSeasonOddsService(deps: {
  db: Db;
  champions: ChampionService;
  /** The worker's queue when one consumes it; absent: simulate in this process. */
  worker?: { queue: Pick<QueueBackend, 'request'>; timeoutMs: number };
  now: () => Date;
}): SeasonOddsService {
  return {
    async outlook(league, runs) {
      const request = { league: league.code, asOf: deps.now().toISOString().slice(0, 10), runs };
      if (deps.worker) {
        return deps.worker.queue.request('season', request, { timeoutMs: deps.worker.timeoutMs });
      }
      return seasonOdds(deps.db, await deps.champions.champion(league.code), request);
    },
  };
}
