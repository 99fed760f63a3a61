// The launcher as operators run it: real child processes, real files, exit codes and output.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const START = join(ROOT, 'bin', 'start.js');
const FAKE_TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-start-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A clean environment: nothing from the developer's shell leaks into the child. */
function envWith(vars: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RETRY_DELAY: '0.01',
    BOOTSTRAP: '0',
    FOOTBALL_DATA_SYNC: '0',
    ...vars,
  };
}

function runStart(args: string[], vars: Record<string, string>) {
  const result = spawnSync(process.execPath, [START, ...args], {
    env: envWith(vars),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm start -- --dry-run', () => {
  it.each(['api', 'worker', 'tgbot', 'all'])(
    'When ROLE=%s has a fresh DATA_DIR and a well-formed token, then it exits 0 with a summary and a migrated database',
    (role) => {
      const dataDir = join(tmp, `fresh-${role}`);

      const { code, stdout, stderr } = runStart(['--dry-run'], {
        ROLE: role,
        DATA_DIR: dataDir,
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      });

      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toContain('dry-run ok');
      expect(stdout).toContain(`role=${role}`);
      expect(stdout).not.toContain(FAKE_TOKEN.split(':')[1]);
      expect(existsSync(join(dataDir, 'bot.sqlite3'))).toBe(true);
      for (const dir of ['logs', 'reports', 'artifacts', 'backups']) {
        expect(existsSync(join(dataDir, dir))).toBe(true);
      }
    },
  );

  it('When started through npm, then the start script runs the same launcher', () => {
    const result = spawnSync('npm', ['start', '--silent', '--', '--dry-run'], {
      cwd: ROOT,
      env: envWith({ ROLE: 'worker', DATA_DIR: join(tmp, 'via-npm') }),
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('dry-run ok: role=worker');
  });

  it('When the data directory is under a regular file, then it exits 1 with one line naming the path', () => {
    const file = join(tmp, 'plain-file');
    writeFileSync(file, 'not a directory');

    const { code, stderr } = runStart(['--dry-run'], { DATA_DIR: join(file, 'data') });

    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(file, 'data'));
    expect(lines[0]).toMatch(/ENOTDIR/);
  });

  it('When the database is unreachable, then it exits 1 and never prints the password', () => {
    const { code, stdout, stderr } = runStart(['--dry-run'], {
      DATA_DIR: join(tmp, 'no-db'),
      DATABASE_URL: 'postgresql+asyncpg://bot:Pa55-Secret-Word@127.0.0.1:1/scoreline',
    });

    expect(code).toBe(1);
    expect(stderr).toMatch(/database unreachable \(pg 127\.0\.0\.1:1\/scoreline\)/);
    expect(stdout + stderr).not.toContain('Pa55-Secret-Word');
  });

  it('When PORT is not a port, then it exits 2 naming PORT', () => {
    const { code, stderr } = runStart(['--dry-run'], {
      DATA_DIR: join(tmp, 'bad-port'),
      PORT: 'notaport',
    });

    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['PORT: expected a TCP port number from 0 to 65535']);
  });

  it('When ROLE=tgbot has no token, then it exits 1 with one line saying so', () => {
    const { code, stderr } = runStart(['--dry-run'], {
      ROLE: 'tgbot',
      DATA_DIR: join(tmp, 'no-token'),
    });

    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'dry-run: TELEGRAM_BOT_TOKEN is not set: the tgbot role cannot start',
    );
  });

  it('When the token is malformed, then it exits 1 without echoing it', () => {
    const { code, stderr } = runStart(['--dry-run'], {
      ROLE: 'tgbot',
      DATA_DIR: join(tmp, 'bad-token'),
      TELEGRAM_BOT_TOKEN: '12345:short-secret-value',
    });

    expect(code).toBe(1);
    expect(stderr).toMatch(/TELEGRAM_BOT_TOKEN is malformed/);
    expect(stderr).not.toContain('short-secret-value');
  });

  it('When an argument is unknown, then it exits 2 with the usage', () => {
    const { code, stderr } = runStart(['--bogus'], { DATA_DIR: join(tmp, 'usage') });

    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm start');
  });
});

describe('npm start (running)', () => {
  function startLive(vars: Record<string, string>) {
    const child = spawn(process.execPath, [START], { env: envWith(vars) });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 600 && !stdout.includes(text); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!stdout.includes(text)) throw new Error(`never printed "${text}":\n${stdout}`);
    };
    return { child, exited, waitFor, output: () => stdout };
  }

  it('When ROLE=all starts without a token, then it says once how to turn the bot on; a second instance on the same data directory prints the one line and exits 0; SIGTERM stops the first with 0', async () => {
    const dataDir = join(tmp, 'single-instance');
    const first = startLive({ ROLE: 'all', DATA_DIR: dataDir, PORT: '0' });
    await first.waitFor('started role=all');

    const second = runStart([], { ROLE: 'all', DATA_DIR: dataDir, PORT: '0' });
    first.child.kill('SIGTERM');
    const firstCode = await first.exited;

    expect(second.code).toBe(0);
    const lockPath = join(dataDir, 'runtime.lock');
    expect(second.stdout.trim().split('\n').at(-1)).toBe(
      `Приложение уже запущено / already running: pid ${first.child.pid}, lock ${lockPath}`,
    );
    expect(firstCode).toBe(0);
    const notices = first
      .output()
      .split('\n')
      .filter((l) => l.includes('bot is off'));
    expect(notices).toHaveLength(1);
    for (const hint of ['TELEGRAM_BOT_TOKEN', '@BotFather', '.env', 'npm run sandbox']) {
      expect(notices[0]).toContain(hint);
    }
    expect(first.output()).toContain('Shutdown complete');
    expect(existsSync(lockPath)).toBe(false);
  });

  it('When Redis is down at start, then it logs the retries and keeps waiting instead of exiting; SIGTERM still stops it', async () => {
    const worker = startLive({
      ROLE: 'worker',
      DATA_DIR: join(tmp, 'redis-down'),
      REDIS_URL: 'redis://:Hidden-Pass@127.0.0.1:1/0',
      RETRY_ATTEMPTS: '2',
      RETRY_DELAY: '0.05',
      RETRY_MAX_DELAY: '0.1',
    });

    await worker.waitFor('redis connect still failing');
    await worker.waitFor('Retry attempts exhausted for redis connect');
    const stillRunning = worker.child.exitCode === null;
    worker.child.kill('SIGTERM');
    const code = await worker.exited;

    expect(stillRunning).toBe(true);
    expect(worker.output()).toMatch(/Retrying redis connect in \d+\.\d{2}s \(attempt 1\/2\)/);
    expect(worker.output()).not.toContain('Hidden-Pass');
    expect(code).toBe(0);
  });
});
