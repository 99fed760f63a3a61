// What the sandbox opened, closed in reverse order on the way out: the bot stops taking updates
// before the worker stops answering it, and the database closes last.

export interface Closers {
  add(name: string, close: () => Promise<void> | void): void;
  /** Closes everything once; the names of the ones that failed (each failure is reported). */
  closeAll(report: (name: string, err: unknown) => void): Promise<string[]>;
}

export function createClosers(): Closers {
  const stack: Array<{ name: string; close: () => Promise<void> | void }> = [];
  return {
    add(name, close) {
      stack.push({ name, close });
    },
    async closeAll(report) {
      const failed: string[] = [];
      while (stack.length > 0) {
        const { name, close } = stack.pop()!;
        try {
          await close();
        } catch (err) {
          failed.push(name);
          report(name, err);
        }
      }
      return failed;
    },
  };
}
