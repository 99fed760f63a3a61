// /form's ratings, by one rule wherever they are read (the worker on a `ratings` job, or a
// process with the champions at hand): the league champion's goals-model ratings of the team.
import type { RatingsPayload, RatingsResult } from '@scoreline/queue';
import type { LeaguePredictor } from '../predict/predict-match';
import { teamRatings } from './team-record';

export function championRatings(
  champion: LeaguePredictor | null,
  request: RatingsPayload,
): RatingsResult {
  if (!champion) return { status: 'no_model', league: request.league };
  const modelVersion = champion.model.record.version;
  const ratings = teamRatings(champion.model.artifact.state.dixonColes, request.team);
  if (!ratings) return { status: 'unknown_team', team: request.team, modelVersion };
  return { status: 'ok', modelVersion, ...ratings };
}
