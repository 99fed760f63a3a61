import { findLeague, type Db } from '@scoreline/db';
import {
  createProductionModel,
  type ComponentName,
  type Markets,
  type Probs1x2,
} from '@scoreline/model';
import { artifactTeams } from '../registry/artifact-document';
import { loadChampion, type LoadedModel } from '../registry/load-champion';
import { createTeamResolver, type TeamResolver } from './team-resolver';

/** No model can serve this league (unknown league, never trained, or no usable artifact). */
export class NoModelError extends Error {
  override readonly name = 'NoModelError';
}

/** Both names resolve to the same team. */
export class SameTeamError extends Error {
  override readonly name = 'SameTeamError';
  constructor(readonly team: string) {
    super(`a team cannot play itself (${team})`);
  }
}

/** One match forecast from the champion. */
export interface MatchForecast {
  league: string;
  /** The model's (canonical) team names. */
  home: string;
  away: string;
  modelVersion: string;
  probs: Probs1x2;
  components: Record<ComponentName, Probs1x2>;
  markets: Markets;
}

/** The champion of a league with a resolver for its team names (reuse it for many forecasts). */
export interface LeaguePredictor {
  /** The league's code (`E0`), whatever code or id it was asked for by. */
  league: string;
  model: LoadedModel;
  /** The champion's team-name resolver (for choosing a league when none was given). */
  resolver: TeamResolver;
  predict(home: string, away: string): Promise<MatchForecast>;
}

/**
 * Loads the league's champion (verified, with the fallback of loadChampion) and returns a
 * predictor that resolves typed names and prices every market from one score matrix. Throws
 * {@link NoModelError}; `predict` throws TeamNameError for unknown or ambiguous names and
 * {@link SameTeamError}.
 */
export async function createLeaguePredictor(
  db: Db,
  registryDir: string,
  leagueArg: string,
  warn?: (line: string) => void,
): Promise<LeaguePredictor> {
  const league = await findLeague(db, leagueArg.toUpperCase());
  if (!league) throw new NoModelError(`unknown league ${leagueArg}`);
  const loaded = await loadChampion(db, registryDir, league.code, warn);
  if (!loaded) {
    throw new NoModelError(
      `no usable ${league.code} model: run scoreline retrain --league ${league.code}`,
    );
  }
  const resolver = await createTeamResolver(db, league.code, artifactTeams(loaded.artifact));
  const model = createProductionModel(loaded.artifact.state.options);
  return {
    league: league.code,
    model: loaded,
    resolver,
    async predict(homeInput, awayInput) {
      const home = await resolver.resolve(homeInput);
      const away = await resolver.resolve(awayInput);
      if (home.name === away.name) {
        throw new SameTeamError(home.name);
      }
      const p = model.predict(loaded.artifact.state, home.name, away.name);
      return {
        league: league.code,
        home: home.name,
        away: away.name,
        modelVersion: loaded.record.version,
        probs: p.probs,
        components: p.components,
        markets: p.markets,
      };
    },
  };
}
