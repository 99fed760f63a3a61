// A team's recent results and ratings (/form) and two teams' meetings (/h2h), from the stored
// results and the league's champion. Typed names are matched as /predict matches them: the
// league where every name resolves best (chooseLeague), with that league's suggestions when one
// does not.
import { listLeagueResults, type Db, type League } from '@scoreline/db';
import {
  chooseLeague,
  headToHead,
  teamForm,
  teamRatings,
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
  /** Relative to the league's mean (log goal-rate units); null without a champion rating it. */
  ratings: { attack: number; defence: number } | null;
  modelVersion: string | null;
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
}): TeamContextService {
  const { db, champions } = deps;
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
      const [rows, champion] = await Promise.all([results(code), champions.champion(code)]);
      return {
        league: code,
        form: teamForm(rows, team, count),
        ratings: champion ? teamRatings(champion.model.artifact.state.dixonColes, team) : null,
        modelVersion: champion?.model.record.version ?? null,
      };
    },
    async headToHead(code, a, b, count) {
      return headToHead(await results(code), a, b, count);
    },
  };
}
