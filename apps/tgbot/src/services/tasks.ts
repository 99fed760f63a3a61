// Work that outlives its update handler. telegraf's polling loop handles a batch of updates
// together and fetches the next batch only when all of them finish, so a handler that waited
// for a slow prediction would stall every other chat. Such work runs detached and is tracked
// here, so shutdown can still wait for it.

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
}

export function createTaskTracker(onError: (err: unknown) => void): TaskTracker {
  const running = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  return {
    signal: stopping.signal,
    run(work) {
      const p: Promise<unknown> = Promise.resolve()
        .then(work)
        .catch(onError)
        .finally(() => running.delete(p));
      running.add(p);
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
