// A fixture's forecast, by one rule for every surface (the api's /v1/fixtures/:id/prediction,
// the bot's cards, lists and /value): stored if sealed, else computed.
//
// Sealed: a forecast is stored for the fixture. The worker links a stored forecast to its
// fixture only when it was made before kick-off, so such a row is the forecast on the record,
// the one settled against the result; everyone is shown those numbers, whichever model is the
// champion now, and asking again records nothing twice. With nothing sealed the Predictor
// computes one (a queue-backed one through the worker, which stores and so seals it).
import { findModel, latestPredictionForFixture, type Db } from '@scoreline/db';
import type { Markets } from '@scoreline/model';
import type { PredictResult } from '@scoreline/queue';
import type { PredictRequest, Predictor } from './predictor';

/** The fixture as both surfaces know it: its league's code and its teams' stored names. */
export interface FixtureRef {
  id: number;
  league: string;
  home: string;
  away: string;
}

/** The forecast on the record for a fixture. */
export interface SealedForecast {
  source: 'stored';
  league: string;
  modelVersion: string;
  /** Home/draw/away. */
  probs: [number, number, number];
  /** As the worker stored them; null for a row stored without any. */
  markets: Markets | null;
  predictedAt: Date;
  /** The newest result under that model (YYYY-MM-DD), when the registry still knows it. */
  dataThrough?: string;
}

/** No forecast was sealed: the Predictor's answer. */
export interface ComputedForecast {
  source: 'computed';
  result: PredictResult;
}

export type FixtureForecast = SealedForecast | ComputedForecast;

export interface PredictionService {
  readonly predictor: Predictor;
  /** A forecast for typed team names (POST /v1/predict, the bot's /predict). */
  predict(request: PredictRequest): Promise<PredictResult>;
  /** The fixture's sealed forecast, or null when none is. */
  sealed(fixtureId: number): Promise<SealedForecast | null>;
  /** Stored if sealed, else computed; the Predictor's rejections pass through. */
  forFixture(fixture: FixtureRef, opts?: { requestedBy?: string }): Promise<FixtureForecast>;
}

export function createPredictionService(deps: {
  predictor: Predictor;
  /** How long a queue-backed Predictor waits for the worker. */
  timeoutMs: number;
  /** Where sealed forecasts are read; only forFixture and sealed need it. */
  db?: Db;
}): PredictionService {
  const { predictor, timeoutMs } = deps;
  const database = (): Db => {
    if (!deps.db) throw new Error('the prediction service has no database for fixtures');
    return deps.db;
  };
  const predict = (request: PredictRequest) => predictor.predict(request, { timeoutMs });

  const sealed = async (fixtureId: number): Promise<SealedForecast | null> => {
    const db = database();
    const stored = await latestPredictionForFixture(db, fixtureId);
    if (!stored) return null;
    const model = await findModel(db, stored.leagueCode, stored.modelVersion);
    return {
      source: 'stored',
      league: stored.leagueCode,
      modelVersion: stored.modelVersion,
      probs: [stored.pHome, stored.pDraw, stored.pAway],
      markets: storedMarkets(stored.markets),
      predictedAt: stored.requestedAt,
      ...(model?.dataTo ? { dataThrough: model.dataTo } : {}),
    };
  };

  return {
    predictor,
    predict,
    sealed,
    async forFixture(f, opts = {}) {
      const onRecord = await sealed(f.id);
      if (onRecord) return onRecord;
      const result = await predict({
        league: f.league,
        home: f.home,
        away: f.away,
        fixtureId: f.id,
        ...(opts.requestedBy !== undefined ? { requestedBy: opts.requestedBy } : {}),
      });
      return { source: 'computed', result };
    },
  };
}

/**
 * The markets column as the worker wrote it: the model's Markets, trusted as the queue's answer
 * is (both come from the worker); readers that draw a part of them check that part.
 */
function storedMarkets(value: unknown): Markets | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Markets)
    : null;
}
