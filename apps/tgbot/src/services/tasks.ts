// Work that outlives its update handler. telegraf's polling loop handles a batch of updates
// together and fetches the next batch only when all of them finish, so a handler that waited
// for a slow prediction would stall every other chat. Such work runs detached and is tracked
// here, so shutdown can still wait for it, and so a "calculating…" placeholder that a task
// showed and could not replace before the bot stopped is known (the role then edits it to
// "try again" instead of leaving the user waiting for ever).
import { AsyncLocalStorage } from 'node:async_hooks';

/** A message a running task shows while the user waits ("⏳ Calculating…"). */
export interface Placeholder {
  chatId: number;
  messageId: number;
  locale: 'ru' | 'en';
}

export interface TaskTracker {
  /** Starts `work` without waiting; a failure goes to `onError`. */
  run(work: () => Promise<unknown>): void;
  /**
   * Aborts `signal`, then waits for running work, at most `timeoutMs`; true when everything
   * finished.
   */
  drain(timeoutMs: number): Promise<boolean>;
  /** Aborted when shutdown begins: long waits (an admin job's outcome) end early on it. */
  readonly signal: AbortSignal;
  readonly size: number;
  /** Placeholders of tasks still running (after a drain that timed out: the stranded ones). */
  pendingPlaceholders(): Placeholder[];
}

// Which task a call comes from, without threading a handle through every command.
const current = new AsyncLocalStorage<Placeholder[]>();

/**
 * Records that the task running this call shows `placeholder` until it answers; forgotten
 * when the task ends. Outside a tracked task it does nothing.
 */
export function markShowing(placeholder: Placeholder): void {
  current.getStore()?.push(placeholder);
}

export function createTaskTracker(onError: (err: unknown) => void): TaskTracker {
  const running = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  const shown = new Map<Promise<unknown>, Placeholder[]>();
  return {
    signal: stopping.signal,
    run(work) {
      const placeholders: Placeholder[] = [];
      const p: Promise<unknown> = current
        .run(placeholders, () => Promise.resolve().then(work))
        .catch(onError)
        .finally(() => {
          running.delete(p);
          shown.delete(p);
        });
      running.add(p);
      shown.set(p, placeholders);
    },
    pendingPlaceholders() {
      return [...shown.values()].flat();
    },
    async drain(timeoutMs) {
      stopping.abort();
      if (running.size === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const done = Promise.allSettled([...running]).then(() => true as const);
      try {
        return await Promise.race([done, expired]);
      } finally {
        clearTimeout(timer);
      }
    },
    get size() {
      return running.size;
    },
  };
}

/** True when `p` settles (either way) within `ms`; false when it is still pending then. */
export async function settledWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
