import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';
import { capture } from './test-support/capture';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scoreline migrate', () => {
  it('When the database is new, then it applies every migration once and a second run changes nothing', async () => {
    const env = { DATA_DIR: join(tmp, 'migrate') };
    const first = capture();
    const second = capture();

    const firstCode = await main(['migrate'], first.output, env);
    const secondCode = await main(['migrate'], second.output, env);

    expect([firstCode, secondCode]).toEqual([0, 0]);
    expect(first.out.join('\n')).toMatch(/applied \d+ migration\(s\)/);
    expect(second.out.join('\n')).toMatch(/is up to date/);
    const db = new Database(join(tmp, 'migrate', 'bot.sqlite3'), { readonly: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    db.close();
    expect(tables).toEqual(expect.arrayContaining(['heartbeats', 'job_runs', 'knex_migrations']));
  });
});

describe('scoreline usage', () => {
  it('When the command is unknown, then it exits 2 with the usage', async () => {
    const io = capture();

    const code = await main(['frobnicate'], io.output, {});

    expect(code).toBe(2);
    expect(io.err[0]).toBe('unknown command: frobnicate');
    expect(io.err.join('\n')).toContain('scoreline migrate');
  });

  it('When the configuration is invalid, then it exits 2 listing the variable without its value', async () => {
    const io = capture();

    const code = await main(['migrate'], io.output, {
      DATA_DIR: join(tmp, 'bad'),
      DATABASE_URL: 'mysql://root:TopSecret@db/x',
    });

    expect(code).toBe(2);
    expect(io.err).toEqual([expect.stringMatching(/^DATABASE_URL: expected a Postgres URL/)]);
    expect(io.err.join('\n')).not.toContain('TopSecret');
  });

  it('When run through the committed bin with npx, then it works right after install', () => {
    const result = spawnSync('npx', ['--no-install', 'scoreline', 'migrate'], {
      cwd: resolve(__dirname, '..', '..', '..'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: join(tmp, 'npx') },
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/applied \d+ migration\(s\) on sqlite/);
  });

  it('When .env in the current directory sets DATA_DIR, then the committed bin uses it', () => {
    const dir = join(tmp, 'dotenv');
    mkdirSync(dir);
    writeFileSync(join(dir, '.env'), `DATA_DIR=${join(dir, 'data')}\n`);

    const result = spawnSync(
      process.execPath,
      [resolve(__dirname, '..', 'bin', 'scoreline.js'), 'migrate'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'data', 'bot.sqlite3'))).toBe(true);
  });
});
