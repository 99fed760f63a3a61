// `npm run sandbox` as a person scripts it: the built entry point in a child process, a chat
// piped on stdin, the transcript on stdout.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { historyFile } from '@test-support/history';
import { SIMULATED_CLUBS } from './simulated-league';

const ROOT = resolve(__dirname, '..', '..', '..');
const SANDBOX = join(ROOT, 'bin', 'sandbox.js');
const EPL_2425 = historyFile('E0', '2425');
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-sandbox-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** Runs the sandbox with `input` piped to it and waits for it to exit. */
function runSandbox(
  args: string[],
  input: string,
  env: Record<string, string> = {},
  killAfterMs = 50_000,
) {
  return new Promise<Run>((resolveRun, reject) => {
    const child = spawn(process.execPath, [SANDBOX, ...args], {
      cwd: ROOT,
      // Nothing from the developer's shell leaks in, except what a test adds on purpose.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolveRun({ code, stdout, stderr, pid: child.pid ?? -1 });
    });
    child.stdin.end(input);
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether anything still accepts connections at this http://host:port. */
function acceptsConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolveCheck) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolveCheck(true);
    });
    socket.once('error', () => resolveCheck(false));
  });
}

const urlAfter = (stdout: string, label: string) =>
  new RegExp(`^${label}: .*?(http://127\\.0\\.0\\.1:\\d+)`, 'm').exec(stdout)?.[1];

const firstWord = (name: string) => name.split(' ')[0]!;

/** Whether bin/dist/sandbox is older than a sandbox source (edited since the last build). */
function sandboxBuildIsStale(): boolean {
  // tsc -b rewrites its build info on every build, even when no output file changed.
  const buildInfo = join(ROOT, 'bin', 'dist', '.tsbuildinfo');
  if (!existsSync(join(ROOT, 'bin', 'dist', 'sandbox', 'main.js'))) return true;
  const builtAt = statSync(buildInfo).mtimeMs;
  return readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .some((f) => statSync(join(__dirname, f)).mtimeMs > builtAt);
}

beforeAll(() => {
  // The child runs the compiled launcher. `npm test` builds first; a jest run on its own after
  // an edit here would test the previous build, so rebuild then (and only then: the build also
  // compiles whatever else in the tree is mid-edit).
  if (!sandboxBuildIsStale()) return;
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'bin'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`tsc -b bin failed:\n${tsc.stdout}${tsc.stderr}`);
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run sandbox', () => {
  it('When a chat is piped to the simulated league, then every answer is labelled simulated, /predict answers a card, and it exits 0 with nothing left running', async () => {
    const [home, away] = [SIMULATED_CLUBS[0]!.name, SIMULATED_CLUBS[1]!.name];

    const run = await runSandbox(
      ['--simulated', '--data-dir', join(tmp, 'simulated')],
      `/start\n/predict ${firstWord(home)} - ${firstWord(away)}\n/quit\n`,
      // Real runs' settings in the shell must not reach the sandbox.
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' },
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('simulated league SIM, seed');
    expect(run.stdout).toMatch(/retrain SIM: model \S+ .*RPS 0\.\d+/);
    const [, transcript = ''] = run.stdout.split(`> /predict`);
    expect(transcript).toContain('Симуляция');
    expect(transcript).toContain(home);
    expect(transcript).toContain(away);
    expect(transcript).toMatch(/\d+%.*\d+%.*\d+%/);
    expect(run.stdout.split('> /start')[1]).toContain('Симуляция');
    expect(run.stdout).toContain('sandbox stopped.');
    expect(isAlive(run.pid)).toBe(false);
    for (const label of ['bot', 'api']) {
      const url = urlAfter(run.stdout, label);
      expect(url).toBeDefined();
      expect(await acceptsConnections(url!)).toBe(false);
    }
  }, 60_000);

  it(
    'When it runs with no arguments, then /predict Arsenal - Chelsea answers a real card from the bundled history',
    async () => {
      // The first run on a machine bootstraps .data/sandbox-base (as npm start does); later ones copy it.
      const run = await runSandbox(
        ['--lang', 'en', '--data-dir', join(tmp, 'history')],
        '/predict Arsenal - Chelsea\n',
        {},
        7 * 60_000,
      );

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /bundled history (E0|SP1|D1)(, (E0|SP1|D1)){2}: 35,506 matches, 3 models/,
      );
      const [, transcript = ''] = run.stdout.split('> /predict Arsenal - Chelsea');
      expect(transcript).toContain('Arsenal');
      expect(transcript).toMatch(/Home \d+%/);
      expect(run.stdout).not.toMatch(/Simulation|simulated league/);
    },
    8 * 60_000,
  );

  it('When a real CSV is given, then the card for a real match carries no simulation notice', async () => {
    const run = await runSandbox(
      [EPL_2425, '--league', 'E0', '--lang', 'en', '--data-dir', join(tmp, 'csv')],
      '/predict Arsenal - Chelsea\n',
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`imported ${EPL_2425}: 380 matches`);
    expect(run.stdout).toMatch(/retrain E0: model /);
    const [, transcript = ''] = run.stdout.split('> /predict Arsenal - Chelsea');
    expect(transcript).toContain('Arsenal');
    expect(transcript).toContain('Chelsea');
    expect(transcript).toMatch(/Home \d+%/);
    expect(run.stdout).not.toMatch(/Simulation|simulated league/);
  }, 60_000);

  it('When an argument is wrong, then it exits 2 with the usage and starts nothing', async () => {
    const run = await runSandbox(['--lang', 'de', '--data-dir', join(tmp, 'usage')], '');

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--lang must be ru or en');
    expect(run.stderr).toContain('usage: npm run sandbox');
    expect(existsSync(join(tmp, 'usage'))).toBe(false);
  });

  it('When --data-dir holds files the sandbox did not make, then it refuses to wipe them', async () => {
    const dir = join(tmp, 'precious');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');

    const run = await runSandbox(['--data-dir', dir], '/quit\n');

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not wiping it');
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
  });
});
