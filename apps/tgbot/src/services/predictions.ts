// Predictions reach the bot only through the queue: the worker owns the models and stores every
// prediction it serves (the track record). A fixture already predicted by the current champion
// is answered from that stored row, so looking at a list twice does not record it twice.
import { getChampion, latestPredictionForFixture, type Db } from '@scoreline/db';
import {
  QueueUnavailableError,
  RequestTimeoutError,
  type PredictPayload,
  type PredictResult,
  type QueueBackend,
} from '@scoreline/queue';
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
  /** Asks the worker; a late answer becomes `timeout`, never a hang. */
  predict(payload: PredictPayload): Promise<PredictionOutcome>;
  /** The fixture's prediction by the league's champion: stored if there is one, else asked for. */
  forFixture(fixture: {
    id: number;
    league: string;
    home: string;
    away: string;
    kickoffAt?: Date;
  }): Promise<PredictionOutcome>;
}

export function createPredictionService(deps: {
  db: Db;
  queue: QueueBackend;
  timeoutMs: number;
  now?: () => Date;
  /** Called with each answer's outcome and how long the worker took (metrics). */
  observe?: (outcome: PredictionOutcome['status'], seconds: number) => void;
}): PredictionService {
  const now = deps.now ?? (() => new Date());
  const predict = async (payload: PredictPayload): Promise<PredictionOutcome> => {
    const started = performance.now();
    const seen = (status: PredictionOutcome['status']) =>
      deps.observe?.(status, (performance.now() - started) / 1000);
    let result: PredictResult;
    try {
      result = await deps.queue.request('predict', payload, { timeoutMs: deps.timeoutMs });
    } catch (err) {
      if (err instanceof RequestTimeoutError) {
        seen('timeout');
        return { status: 'timeout', timeoutMs: deps.timeoutMs };
      }
      if (err instanceof QueueUnavailableError) {
        seen('timeout');
        return { status: 'timeout', timeoutMs: deps.timeoutMs, busy: true };
      }
      throw err;
    }
    seen(result.status);
    if (result.status !== 'ok') return result;
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

  return {
    predict,
    async forFixture(f) {
      const [stored, champion] = await Promise.all([
        latestPredictionForFixture(deps.db, f.id),
        getChampion(deps.db, f.league),
      ]);
      const markets = stored ? asCardMarkets(stored.markets) : null;
      if (stored && markets && champion && stored.modelVersion === champion.version) {
        return {
          status: 'ok',
          league: f.league,
          home: f.home,
          away: f.away,
          modelVersion: stored.modelVersion,
          markets,
          ...(champion.dataTo ? { dataThrough: champion.dataTo } : {}),
        };
      }
      const outcome = await predict({
        league: f.league,
        home: f.home,
        away: f.away,
        fixtureId: f.id,
      });
      const late = f.kickoffAt !== undefined && f.kickoffAt <= now();
      return outcome.status === 'ok' && late ? { ...outcome, afterKickoff: true } : outcome;
    },
  };
}
