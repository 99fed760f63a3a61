// Explains one fixture's forecast factor by factor (see explainMatch in @scoreline/model): every
// factor set to its neutral value and the fixture re-forecast by the league's champion. Nothing
// is stored: an explanation is a view of the current champion, recomputed on demand.
import { getFixture, getLeague, getTeam, type Db } from '@scoreline/db';
import { COMPONENTS, explainMatch, UnknownTeamError } from '@scoreline/model';
import type { ExplainPayload, ExplainResult, ProcessorContext } from '@scoreline/queue';
import { TeamNameError } from '@scoreline/training';
import type { ChampionCache } from '@scoreline/training';

export interface ExplainProcessorDeps {
  db: Db;
  champions: ChampionCache;
}

export function createExplainProcessor(deps: ExplainProcessorDeps) {
  return async function explain(
    payload: ExplainPayload,
    _ctx: ProcessorContext,
  ): Promise<ExplainResult> {
    let league: string;
    let homeName: string;
    let awayName: string;
    let fixtureId: number | null = null;
    if ('fixtureId' in payload) {
      const fixture = await getFixture(deps.db, payload.fixtureId);
      if (!fixture) return { status: 'unknown_fixture', fixtureId: payload.fixtureId };
      fixtureId = fixture.id;
      const [row, home, away] = await Promise.all([
        getLeague(deps.db, fixture.leagueId),
        getTeam(deps.db, fixture.homeTeamId),
        getTeam(deps.db, fixture.awayTeamId),
      ]);
      if (!row) return { status: 'no_model', league: String(fixture.leagueId) };
      if (!home || !away) return { status: 'unknown_fixture', fixtureId: payload.fixtureId };
      league = row.code;
      homeName = home.name;
      awayName = away.name;
    } else {
      league = payload.league;
      homeName = payload.home;
      awayName = payload.away;
    }

    const code = await deps.champions.leagueCode(league);
    if (!code) return { status: 'no_model', league };
    const predictor = await deps.champions.get(code);
    if (!predictor) return { status: 'no_model', league: code };

    // Database names reach the model's names through the champion's resolver (aliases).
    const resolve = async (name: string): Promise<string | null> =>
      predictor.resolver.resolve(name).then(
        (t) => t.name,
        (err: unknown) => {
          if (err instanceof TeamNameError) return null;
          throw err;
        },
      );
    const home = await resolve(homeName);
    if (home === null) return { status: 'unknown_team', team: homeName };
    const away = await resolve(awayName);
    if (away === null) return { status: 'unknown_team', team: awayName };

    let e: ReturnType<typeof explainMatch>;
    try {
      e = explainMatch(predictor.model.artifact.state, home, away);
    } catch (err) {
      if (err instanceof UnknownTeamError) return { status: 'unknown_team', team: err.team };
      throw err;
    }
    return {
      status: 'ok',
      league: code,
      home,
      away,
      modelVersion: predictor.model.record.version,
      fixtureId,
      probs: e.probs,
      components: COMPONENTS.map((name) => ({
        name,
        weight: e.weights[name],
        probs: e.components[name],
      })),
      factors: e.factors.map((f) => ({ factor: f.factor, value: f.value, delta: f.delta })),
    };
  };
}
