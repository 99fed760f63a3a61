// Scores stored predictions whose match has finished: the track record. Idempotent: a
// prediction is settled once (settlePrediction is a no-op the second time), so a retry or two
// workers settling together cannot double-count.
import {
  listUnsettledWithResult,
  settlePrediction,
  type Db,
  type MatchOutcome,
} from '@scoreline/db';
import { brier, logLoss, rps, type Outcome, type Probs1x2 } from '@scoreline/model';
import type { ProcessorContext, SettlePayload, SettleResult } from '@scoreline/queue';
import { settlePicks } from '../betting/settle-picks';

export interface SettleProcessorDeps {
  db: Db;
  /**
   * The value-alert scan, run after settling: the settle job follows every sync, so this is
   * where freshly stored odds are first looked at (absent in tests that only settle).
   */
  scanAlerts?: () => Promise<number>;
  now?: () => Date;
  /** Predictions read per round (default 500). */
  batchSize?: number;
}

function outcomeOf(home: number, away: number): { outcome: MatchOutcome; index: Outcome } {
  if (home > away) return { outcome: 'H', index: 0 };
  if (home === away) return { outcome: 'D', index: 1 };
  return { outcome: 'A', index: 2 };
}

export function createSettleProcessor(deps: SettleProcessorDeps) {
  const batchSize = deps.batchSize ?? 500;
  return async function settle(
    _payload: SettlePayload,
    ctx: ProcessorContext,
  ): Promise<SettleResult> {
    let settled = 0;
    for (;;) {
      const batch = await listUnsettledWithResult(deps.db, { limit: batchSize });
      let now = 0;
      for (const { prediction: p, homeGoals, awayGoals } of batch) {
        if (ctx.signal?.aborted) return { status: 'ok', settled };
        const probs: Probs1x2 = [p.pHome, p.pDraw, p.pAway];
        const { outcome, index } = outcomeOf(homeGoals, awayGoals);
        const done = await settlePrediction(deps.db, p.id, {
          outcome,
          homeGoals,
          awayGoals,
          rps: rps(probs, index),
          logLoss: logLoss(probs, index),
          brier: brier(probs, index),
          ...(deps.now ? { settledAt: deps.now() } : {}),
        });
        if (done) now += 1;
      }
      settled += now;
      // A short batch is the last one; a batch settled entirely by someone else (a lagging
      // reader) would come back unchanged, so stop rather than spin.
      if (batch.length < batchSize || now === 0) break;
    }
    const picks = await settlePicks(deps.db, deps.now ?? (() => new Date()));
    const alerts = deps.scanAlerts ? await deps.scanAlerts() : 0;
    return { status: 'ok', settled, picks, alerts };
  };
}
