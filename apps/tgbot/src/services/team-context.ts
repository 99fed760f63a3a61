// A team's recent results and ratings (/form) and two teams' meetings (/h2h), from the stored
// results and the league's champion. Typed names are matched as /predict matches them: the
// league where every name resolves best (chooseLeague), with that league's suggestions when one
// does not. Where a worker consumes the queue (the same choice as the bot's Predictor), the
// ratings come from it as a `ratings` job: the worker has the champions, a bot in its own
// container has no registry.
import { listLeagueResults, type Db, type League } from '@scoreline/db';
import {
  QueueUnavailableError,
  RequestTimeoutError,
  type QueueBackend,
  type RatingsPayload,
  type RatingsResult,
} from '@scoreline/queue';
import {
  championRatings,
  chooseLeague,
  headToHead,
  teamForm,
  type HeadToHead,
  type TeamForm,
} from '@scoreline/training';
import type { ChampionService } from './champions';

/** The league and canonical names of typed teams, or why they do not name teams. */
export type TeamPick =
  | { status: 'found'; league: string; teams: string[] }
  | {
      status: 'unknown';
      reason: 'unknown' | 'ambiguous';
      input: string;
      suggestions: string[];
    }
  | { status: 'same_team'; team: string }
  | { status: 'no_league' };

export interface TeamFormView {
  league: string;
  form: TeamForm;
  /**
   * The champion's ratings of the team (log goal-rate units against the league's mean);
   * `unavailable` when the worker did not answer in time (the results are shown without them).
   */
  ratings: RatingsResult | { status: 'unavailable' };
}

export interface TeamContextService {
  /** One or two typed names, in `league` when given, else in the league that fits them best. */
  pick(names: readonly [string] | readonly [string, string], league?: League): Promise<TeamPick>;
  form(league: string, team: string, count: number): Promise<TeamFormView>;
  headToHead(league: string, a: string, b: string, count: number): Promise<HeadToHead>;
}

export function createTeamContextService(deps: {
  db: Db;
  champions: ChampionService;
  leagues: () => Promise<League[]>;
  /** The worker's queue when one consumes it; absent: the champions read in this process. */
  worker?: { queue: Pick<QueueBackend, 'request'>; timeoutMs: number };
}): TeamContextService {
  const { db, champions, worker } = deps;
  const ratingsOf = async (request: RatingsPayload): Promise<TeamFormView['ratings']> => {
    if (!worker) return championRatings(await champions.champion(request.league), request);
    try {
      return await worker.queue.request('ratings', request, { timeoutMs: worker.timeoutMs });
    } catch (err) {
      if (err instanceof RequestTimeoutError || err instanceof QueueUnavailableError) {
        return { status: 'unavailable' };
      }
      throw err;
    }
  };
  const results = async (code: string) => {
    const league = await champions.league(code);
    return league ? listLeagueResults(db, { leagueId: league.id, leagueCode: league.code }) : [];
  };

  return {
    async pick(names, league) {
      const resolvers = await champions.resolvers(league ? [league] : await deps.leagues());
      // One name is matched as a pair with itself: the same rule, the same suggestions.
      const [first, second = first] = names;
      const choice = await chooseLeague(resolvers, first, second);
      if (choice.status === 'no_league') return choice;
      if (choice.status === 'unknown_team') {
        const { reason, input, suggestions } = choice;
        return { status: 'unknown', reason, input, suggestions };
      }
      const teams = [choice.home.team.name, choice.away.team.name];
      if (names.length === 1) return { status: 'found', league: choice.league, teams: [teams[0]!] };
      if (teams[0] === teams[1]) return { status: 'same_team', team: teams[0]! };
      return { status: 'found', league: choice.league, teams };
    },
    async form(code, team, count) {
      const [rows, ratings] = await Promise.all([results(code), ratingsOf({ league: code, team })]);
      return { league: code, form: teamForm(rows, team, count), ratings };
    },
    async headToHead(code, a, b, count) {
      return headToHead(await results(code), a, b, count);
    },
  };
}
