// Exit codes a restart policy acts on: a role that cannot start exits non-zero (so the platform
// restarts it) after closing what it had opened. Runs the compiled launcher (npx tsc -b first).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const START = join(ROOT, 'bin', 'start.js');
const FAKE_TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-exit-'));

// A port this test holds, so that whatever the role tries to listen on there fails.
let taken: Server;
let takenPort: number;
beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '0.0.0.0', () => r()));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((r) => taken.close(() => r()));
  rmSync(tmp, { recursive: true, force: true });
});

function run(vars: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [START], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      BOOTSTRAP: '0',
      FOOTBALL_DATA_SYNC: '0',
      SHUTDOWN_TIMEOUT: '5',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:1',
      ...vars,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  // A launcher that never exits fails the test by its timeout; this kill only tidies up.
  const guard = setTimeout(() => child.kill('SIGKILL'), 50_000);
  return new Promise((resolveRun) =>
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolveRun({ code, stdout });
    }),
  );
}

describe('a role that fails to start', () => {
  it.each([
    ['api', () => ({ PORT: String(takenPort) })],
    ['worker', () => ({ ENABLE_METRICS: '1', METRICS_PORT: String(takenPort) })],
    [
      'tgbot',
      () => ({
        ENABLE_METRICS: '1',
        METRICS_PORT: String(takenPort),
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      }),
    ],
    ['all', () => ({ PORT: String(takenPort), TELEGRAM_BOT_TOKEN: FAKE_TOKEN })],
  ] as const)(
    'When ROLE=%s cannot listen on its port, then it logs why, shuts down and exits 1',
    async (role, vars) => {
      const { code, stdout } = await run({ ROLE: role, DATA_DIR: join(tmp, role), ...vars() });

      expect(code).toBe(1);
      const failure = stdout.split('\n').find((l) => l.includes('msg="startup failed"'));
      expect(failure).toContain(`:${takenPort}`);
      expect(failure).toContain('stack=');
      expect(stdout).toContain('Shutting down: startup failure');
      expect(stdout).not.toContain('started role=');
      expect(stdout).not.toContain(FAKE_TOKEN.split(':')[1]);
    },
    60_000,
  );
});
