import type { Logger } from './logger';
import { describeError } from './describe-error';

/** Options for {@link createShutdown}. */
export interface ShutdownOptions {
  /**
   * The hard deadline (SHUTDOWN_TIMEOUT): the process exits within this time of the shutdown's
   * start, close hooks and the final flush included.
   */
  timeoutMs: number;
  logger: Logger;
  /** Default `process.exit`. */
  exit?: (code: number) => void;
  /** Runs last, right before `exit` (flush the logger here). */
  beforeExit?: () => Promise<void>;
}

/** Coordinates an orderly stop of everything the process opened. */
export interface Shutdown {
  /** Registers a close hook; hooks run in reverse order of registration. */
  add(name: string, close: () => Promise<void> | void): void;
  /**
   * Runs the hooks once (later calls return the same promise), then exits: with `exitCode`
   * (a startup failure passes 1) or, when a hook failed or the deadline passed, with 1.
   */
  shutdown(reason: string, exitCode?: number): Promise<void>;
  /** SIGTERM/SIGINT start the shutdown; a second signal exits at once. */
  installSignalHandlers(): void;
  isShuttingDown(): boolean;
}

const SIGNAL_EXIT_CODES: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
// Kept back from the hooks for the last log lines and the flush, so the exit still comes
// before the deadline (a platform's SIGKILL usually follows it closely).
const EXIT_RESERVE_MS = 500;

/**
 * Creates the shutdown coordinator. `shutdown(reason)` runs the hooks sequentially in reverse
 * order of `add`, logging and skipping past a hook that throws; exits 0 when all closed, 1
 * when a hook failed or the deadline came first (then it logs
 * `Shutdown timed out after Ns; still running: a, b` and exits without waiting for them).
 * The deadline is `timeoutMs` from the start, less a short reserve for the flush.
 */
export function createShutdown(opts: ShutdownOptions): Shutdown {
  const { logger } = opts;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const hooks: Array<{ name: string; close: () => Promise<void> | void }> = [];
  let running: Promise<void> | undefined;
  let signalsInstalled = false;

  const finish = async (code: number, deadline: number): Promise<void> => {
    if (opts.beforeExit) {
      // Bounded by the deadline: a flush that cannot finish must not hold the exit.
      const flush = opts.beforeExit().catch(() => {
        // The logger may be what failed to flush; nothing left to report to.
      });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(deadline - Date.now(), 50));
      });
      await Promise.race([flush, late]);
      clearTimeout(timer);
    }
    exit(code);
  };

  const run = async (reason: string, exitCode: number): Promise<void> => {
    const deadline = Date.now() + opts.timeoutMs;
    const reserve = Math.min(EXIT_RESERVE_MS, Math.floor(opts.timeoutMs / 5));
    logger.info(`Shutting down: ${reason}`, { reason });
    const pending = hooks
      .slice()
      .reverse()
      .map((h) => ({ ...h }));
    const unfinished = new Set(pending.map((h) => h.name));
    let failed = false;

    const closeAll = (async () => {
      for (const hook of pending) {
        try {
          await hook.close();
        } catch (err) {
          failed = true;
          logger.error(`Shutdown hook ${hook.name} failed`, {
            hook: hook.name,
            ...describeError(err),
          });
        }
        unfinished.delete(hook.name);
      }
    })();

    let timer: NodeJS.Timeout | undefined;
    // Not unref'd: a hook stuck on a promise with nothing else scheduled would otherwise let
    // the process drift to an unplanned exit 0 instead of the timeout's exit 1.
    const timedOut = new Promise<true>((resolve) => {
      timer = setTimeout(() => resolve(true), opts.timeoutMs - reserve);
    });
    const outcome = await Promise.race([closeAll.then(() => false as const), timedOut]);
    clearTimeout(timer);

    if (outcome) {
      logger.warn(
        `Shutdown timed out after ${opts.timeoutMs / 1000}s; still running: ${[...unfinished].join(', ')}`,
        { timeout_ms: opts.timeoutMs, still_running: [...unfinished] },
      );
      await finish(Math.max(exitCode, 1), deadline);
      return;
    }
    logger.info(failed ? 'Shutdown finished with errors' : 'Shutdown complete');
    await finish(failed ? Math.max(exitCode, 1) : exitCode, deadline);
  };

  const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => {
    if (running) {
      logger.warn(`Received ${signal} again; exiting immediately`, { signal });
      exit(SIGNAL_EXIT_CODES[signal]);
      return;
    }
    void shutdown(signal);
  };

  const shutdown = (reason: string, exitCode = 0): Promise<void> => {
    running ??= run(reason, exitCode);
    return running;
  };

  return {
    add(name, close) {
      hooks.push({ name, close });
    },
    shutdown,
    installSignalHandlers() {
      if (signalsInstalled) return;
      signalsInstalled = true;
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    },
    isShuttingDown: () => running !== undefined,
  };
}
