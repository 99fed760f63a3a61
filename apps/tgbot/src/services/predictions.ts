// The bot's side of the one PredictionService (@scoreline/training): it asks the same service
// the api asks, under the same rule (a fixture's sealed forecast if there is one, else a
// computed one), and turns the answers into what the cards draw. A late or unreachable worker
// becomes `timeout`, never a hang or a thrown error.
import type { Db } from '@scoreline/db';
import {
  QueueUnavailableError,
  RequestTimeoutError,
  type PredictPayload,
  type PredictResult,
} from '@scoreline/queue';
import {
  createPredictionService as createDomainService,
  type FixtureRef,
  type Predictor,
  type SealedForecast,
} from '@scoreline/training';
import { asCardMarkets, type CardMarkets } from '../format/card';

export type PredictionOutcome =
  | {
      status: 'ok';
      league: string;
      home: string;
      away: string;
      modelVersion: string;
      markets: CardMarkets;
      /** Computed at or after kick-off: shown, but never part of the track record. */
      afterKickoff?: true;
      /** The newest result under the model (YYYY-MM-DD), for the card's freshness line. */
      dataThrough?: string;
    }
  | Exclude<PredictResult, { status: 'ok' }>
  /** No answer in time; `busy` when the queue itself was unreachable (nothing was asked). */
  | { status: 'timeout'; timeoutMs: number; busy?: true };

export interface PredictionService {
  /** Asks the Predictor; a late answer becomes `timeout`, never a hang. */
  predict(payload: PredictPayload): Promise<PredictionOutcome>;
  /** The fixture's forecast: its sealed one if there is one, else a computed one. */
  forFixture(fixture: FixtureRef & { kickoffAt?: Date }): Promise<PredictionOutcome>;
}

export function createPredictionService(deps: {
  db: Db;
  /** The process's Predictor, chosen once by the role composition. */
  predictor: Predictor;
  timeoutMs: number;
  now?: () => Date;
  /** Called with each computed answer's outcome and how long it took (metrics). */
  observe?: (outcome: PredictionOutcome['status'], seconds: number) => void;
}): PredictionService {
  const now = deps.now ?? (() => new Date());
  const service = createDomainService({
    db: deps.db,
    predictor: deps.predictor,
    timeoutMs: deps.timeoutMs,
  });

  const seen = (status: PredictionOutcome['status'], started: number) =>
    deps.observe?.(status, (performance.now() - started) / 1000);
  /** The Predictor's failure as an outcome: only the queue's are expected. */
  const failed = (err: unknown, started: number): PredictionOutcome => {
    if (err instanceof RequestTimeoutError) {
      seen('timeout', started);
      return { status: 'timeout', timeoutMs: deps.timeoutMs };
    }
    if (err instanceof QueueUnavailableError) {
      seen('timeout', started);
      return { status: 'timeout', timeoutMs: deps.timeoutMs, busy: true };
    }
    throw err;
  };
  const answered = (result: PredictResult, started: number): PredictionOutcome => {
    seen(result.status, started);
    if (result.status !== 'ok') return result;
    // The card reads these parts; they crossed a queue, so they are checked.
    const markets = asCardMarkets(result.markets);
    if (!markets) throw new Error('predict result without markets');
    return {
      status: 'ok',
      league: result.league,
      home: result.home,
      away: result.away,
      modelVersion: result.modelVersion,
      markets,
      ...(result.dataThrough ? { dataThrough: result.dataThrough } : {}),
    };
  };
  const predict = async (payload: PredictPayload): Promise<PredictionOutcome> => {
    const started = performance.now();
    return service.predict(payload).then(
      (result) => answered(result, started),
      (err: unknown) => failed(err, started),
    );
  };

  return {
    predict,
    async forFixture(f) {
      const ref: FixtureRef = { id: f.id, league: f.league, home: f.home, away: f.away };
      const started = performance.now();
      let outcome: PredictionOutcome;
      try {
        const forecast = await service.forFixture(ref);
        if (forecast.source === 'stored') {
          const card = sealedCard(forecast, ref);
          if (card) return card;
          // A sealed row without the markets a card draws (the worker never writes one): the
          // card needs them, so they are computed.
          outcome = await predict({
            league: ref.league,
            home: ref.home,
            away: ref.away,
            fixtureId: ref.id,
          });
        } else {
          outcome = answered(forecast.result, started);
        }
      } catch (err) {
        outcome = failed(err, started);
      }
      const late = f.kickoffAt !== undefined && f.kickoffAt <= now();
      return outcome.status === 'ok' && late ? { ...outcome, afterKickoff: true } : outcome;
    },
  };
}

/** A sealed forecast as the card's outcome; null when its markets cannot draw a card. */
function sealedCard(sealed: SealedForecast, f: FixtureRef): PredictionOutcome | null {
  const markets = asCardMarkets(sealed.markets);
  if (!markets) return null;
  return {
    status: 'ok',
    league: sealed.league,
    home: f.home,
    away: f.away,
    modelVersion: sealed.modelVersion,
    markets,
    ...(sealed.dataThrough ? { dataThrough: sealed.dataThrough } : {}),
  };
}
