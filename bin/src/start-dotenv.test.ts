// `npm start` reads `.env` from the directory it runs in, as `.env.example` promises; the real
// environment wins over the file.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const START = join(resolve(__dirname, '..', '..'), 'bin', 'start.js');
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-dotenv-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runIn(dir: string, dotenv: string, vars: Record<string, string> = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.env'), dotenv);
  const result = spawnSync(process.execPath, [START, '--dry-run'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...vars },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm start and .env', () => {
  it('When .env in the current directory sets ROLE and DATA_DIR, then the dry run uses them', () => {
    const dir = join(tmp, 'from-file');

    const { code, stdout, stderr } = runIn(dir, `ROLE=api\nDATA_DIR=${join(dir, 'data')}\n`);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('role=api');
    expect(existsSync(join(dir, 'data', 'bot.sqlite3'))).toBe(true);
  });

  it('When the real environment sets a variable the file also sets, then the real value wins', () => {
    const dir = join(tmp, 'real-wins');

    const { code, stdout } = runIn(dir, `ROLE=worker\nDATA_DIR=${join(dir, 'file-data')}\n`, {
      DATA_DIR: join(dir, 'real-data'),
    });

    expect(code).toBe(0);
    expect(stdout).toContain('role=worker');
    expect(existsSync(join(dir, 'real-data', 'bot.sqlite3'))).toBe(true);
    expect(existsSync(join(dir, 'file-data'))).toBe(false);
  });

  it('When .env has a malformed line, then it exits 2 naming the file and line, not the text', () => {
    const dir = join(tmp, 'malformed');

    const { code, stderr } = runIn(dir, 'ROLE=api\nTELEGRAM_BOT_TOKEN 123:secret-ish\n');

    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      `${join(dir, '.env')} line 2: expected NAME=value, a # comment or a blank line`,
    ]);
  });
});
