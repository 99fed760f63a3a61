// Seals stored predictions in the prediction ledger off the reply path. The predict processor
// stores a forecast with one statement and calls request(); at most `delayMs` later the sealer
// chains everything waiting, a batch per transaction, so one lock of the ledger head covers many
// predictions and no reply waits on it. What waits is in the database (prediction_seal_queue),
// so a crash loses nothing: the next worker seals it when it starts.
import { LEDGER_SEAL_BATCH, sealPendingPredictions, type Db } from '@scoreline/db';
import { describeError, type Logger } from '@scoreline/ops';

/** How long a stored prediction waits, at most, for its ledger record while the worker runs. */
export const SEAL_DELAY_MS = 1_000;

export interface LedgerSealer {
  /** Something was stored: seal within `delayMs` (calls in between share one run). */
  request(): void;
  /** Seals everything waiting now and resolves when done (or when sealing failed, logged). */
  flush(): Promise<void>;
  /** Stops taking requests after sealing what waits. */
  close(): Promise<void>;
}

export function createLedgerSealer(deps: {
  db: Db;
  logger: Pick<Logger, 'warn'>;
  delayMs?: number;
}): LedgerSealer {
  const delayMs = deps.delayMs ?? SEAL_DELAY_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  // One warning per outage, not one a second.
  let failing = false;

  const sealAll = async (): Promise<void> => {
    try {
      // A full batch means more may wait.
      while ((await sealPendingPredictions(deps.db)).sealed === LEDGER_SEAL_BATCH);
      failing = false;
    } catch (err) {
      // The rows wait in the database: the next attempt (or the next start) seals them.
      if (!failing) {
        deps.logger.warn('ledger sealing failed; stored predictions wait and it is retried', {
          ...describeError(err),
        });
      }
      failing = true;
      again = true;
    }
  };

  const run = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    running ??= sealAll().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        request();
      }
    });
    return running;
  };

  function request(): void {
    if (closed) return;
    if (running) again = true;
    else timer ??= setTimeout(() => void run(), delayMs);
  }

  const flush = async (): Promise<void> => {
    await running;
    await run();
  };

  return {
    request,
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
