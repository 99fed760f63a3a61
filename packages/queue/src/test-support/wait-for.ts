// Polls a condition instead of sleeping a guessed amount: tests stay fast on fast machines and
// still pass on slow ones. The timeout only bounds a failing test.
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 20, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await probe();
  }
  return last;
}

/** A promise plus its resolve function, for holding a processor mid-job. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A logger that records instead of printing, so tests stay quiet and can assert on warnings. */
export function memoryLogger(): {
  lines: Array<{ level: string; message: string; meta?: object }>;
  info(m: string, meta?: object): void;
  warn(m: string, meta?: object): void;
  error(m: string, meta?: object): void;
  debug(m: string, meta?: object): void;
} {
  const lines: Array<{ level: string; message: string; meta?: object }> = [];
  const at = (level: string) => (message: string, meta?: object) => {
    lines.push({ level, message, ...(meta ? { meta } : {}) });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}
