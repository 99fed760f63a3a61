import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A spawned fixture with its stdout split into lines. */
export interface Fixture {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line matching `pattern` (already seen or future). */
  waitForLine(pattern: RegExp): Promise<string>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node <fixture> ...args` from this folder. */
export function spawnFixture(fixture: string, args: string[] = []): Fixture {
  const child = spawn(process.execPath, [path.join(__dirname, fixture), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.slice()) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    lines,
    exited,
    waitForLine(pattern) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then(() => {
          const found = lines.find((l) => pattern.test(l));
          if (found !== undefined) resolve(found);
          else reject(new Error(`exited before a line matched ${pattern}; stderr: ${stderr}`));
        });
      });
    },
  };
}

/**
 * Loads the sources once through `load-ops.js` so its transpile cache is warm; the first,
 * cold load takes seconds, which should be paid in `beforeAll`, not inside a test.
 */
export function warmFixtureCache(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'load-ops.js')], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`load-ops.js exited with ${code}`)),
    );
  });
}
