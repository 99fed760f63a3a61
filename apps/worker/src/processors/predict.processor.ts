// Answers one prediction request from the league's champion (the league is found from the team
// names when the request has none) and stores it in the track record.
import { insertPrediction, resolveTeamAlias, type Db } from '@scoreline/db';
import { describeError, type Logger } from '@scoreline/ops';
import { type PredictPayload, type PredictResult, type ProcessorContext } from '@scoreline/queue';
import {
  artifactTeams,
  chooseLeague,
  forecastResult,
  type ArtifactDocument,
  type LeaguePredictor,
  type MatchForecast,
} from '@scoreline/training';
import type { ChampionCache } from '@scoreline/training';
import { createForecastCache, type ForecastCache } from '../forecast-cache';
import type { LedgerSealer } from '../ledger-sealer';

export interface PredictProcessorDeps {
  db: Db;
  champions: ChampionCache;
  logger: Logger;
  /** Seals what this processor stores, after the reply. */
  ledger: Pick<LedgerSealer, 'request'>;
  /** The champions' computed answers (default: a cache of this processor's own). */
  forecasts?: ForecastCache;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
/** A prediction without a fixture id is linked to the teams' next fixture within this window. */
const FIXTURE_LOOKAHEAD_DAYS = 14;

export function createPredictProcessor(deps: PredictProcessorDeps) {
  const now = deps.now ?? (() => new Date());
  const forecasts = deps.forecasts ?? createForecastCache();

  return async function predict(
    payload: PredictPayload,
    _ctx: ProcessorContext,
  ): Promise<PredictResult> {
    const chosen = await championFor(deps.champions, payload);
    if (chosen.status !== 'chosen') return chosen;
    const predictor = chosen.predictor;
    const code = predictor.league;

    // Every request is still stored below: the track record holds each forecast served.
    const attempt = await forecasts.forecast(predictor, payload);
    if (attempt.status !== 'forecast') return attempt;
    const { forecast } = attempt;

    // Storing is part of the job: the track record is the product's credibility. A row that
    // cannot be linked to team ids (hand-imported artifact, unknown team) is logged, not fatal.
    let predictionId: number | null = null;
    try {
      predictionId = await store(
        deps.db,
        payload,
        forecast,
        now(),
        teamIds(predictor.model.artifact),
      );
      deps.ledger.request();
    } catch (err) {
      deps.logger.warn('prediction not stored', {
        league: code,
        ...describeError(err),
      });
    }
    return forecastResult(predictor, forecast, predictionId);
  };
}

type Chosen = { status: 'chosen'; predictor: LeaguePredictor } | PredictResult;

/**
 * The champion that answers: the requested league's, or, without a league, the one of the league
 * where both names resolve (see chooseLeague), else the unknown side with that league's hints.
 */
async function championFor(champions: ChampionCache, payload: PredictPayload): Promise<Chosen> {
  if (payload.league !== undefined) {
    const code = await champions.leagueCode(payload.league);
    if (!code) return { status: 'no_model', league: payload.league };
    const predictor = await champions.get(code);
    return predictor ? { status: 'chosen', predictor } : { status: 'no_model', league: code };
  }
  const predictors = await champions.all();
  const choice = await chooseLeague(
    predictors.map((p) => ({ league: p.league, resolver: p.resolver })),
    payload.home,
    payload.away,
  );
  switch (choice.status) {
    case 'no_league':
      return { status: 'no_model', league: '' };
    case 'unknown_team':
      return {
        status: 'unknown_team',
        which: choice.which,
        reason: choice.reason,
        input: choice.input,
        suggestions: choice.suggestions,
      };
    case 'matched':
      return { status: 'chosen', predictor: predictors.find((p) => p.league === choice.league)! };
  }
}

// Per artifact, built once: the champion's artifact does not change while it serves.
const idsByArtifact = new WeakMap<ArtifactDocument, Map<string, number | null>>();

function teamIds(artifact: ArtifactDocument): Map<string, number | null> {
  let ids = idsByArtifact.get(artifact);
  if (!ids) {
    ids = new Map(artifactTeams(artifact).map((t) => [t.name, t.id]));
    idsByArtifact.set(artifact, ids);
  }
  return ids;
}

async function teamId(
  db: Db,
  ids: Map<string, number | null>,
  name: string,
  league: string,
): Promise<number | null> {
  return ids.get(name) ?? (await resolveTeamAlias(db, name, league));
}

async function store(
  db: Db,
  payload: PredictPayload,
  f: MatchForecast,
  at: Date,
  ids: Map<string, number | null>,
): Promise<number> {
  const homeTeamId = await teamId(db, ids, f.home, f.league);
  const awayTeamId = await teamId(db, ids, f.away, f.league);
  if (homeTeamId === null || awayTeamId === null) {
    throw new Error(`no team id for ${homeTeamId === null ? f.home : f.away}`);
  }
  const requestedBy =
    payload.requestedBy && /^-?\d{1,15}$/.test(payload.requestedBy)
      ? Number(payload.requestedBy)
      : null;
  // The fixture is linked inside the insert: the given one when it has not kicked off, else the
  // teams' next scheduled meeting within the lookahead. A prediction made at or after kick-off
  // is stored (it was served) but not linked, so it is never settled: the track record holds
  // only forecasts that could not have known the result.
  return insertPrediction(db, {
    linkFixture: {
      ...(payload.fixtureId !== undefined ? { id: payload.fixtureId } : {}),
      at,
      until: new Date(at.getTime() + FIXTURE_LOOKAHEAD_DAYS * DAY_MS),
    },
    leagueCode: f.league,
    homeTeamId,
    awayTeamId,
    modelVersion: f.modelVersion,
    requestedBy,
    requestedAt: at,
    inputs: {
      league: payload.league,
      home: payload.home,
      away: payload.away,
      resolved: { home: f.home, away: f.away },
      ...(payload.requestedBy !== undefined ? { requestedBy: payload.requestedBy } : {}),
    },
    pHome: f.probs[0],
    pDraw: f.probs[1],
    pAway: f.probs[2],
    markets: f.markets,
  });
}
