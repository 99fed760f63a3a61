import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadDotEnv, REPO_ROOT } from './index';

describe('loadDotEnv', () => {
  let dir: string;
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-dotenv-'));
    saved = { ...process.env };
  });
  afterEach(() => {
    // The loader writes process.env: put back exactly what was there.
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    rmSync(dir, { recursive: true, force: true });
  });

  it('When the file sets a variable the environment lacks, then it is set; one the environment has keeps its real value', () => {
    process.env.DOTENV_TEST_REAL = 'from-shell';
    writeFileSync(
      join(dir, '.env'),
      '# comment\n\nDOTENV_TEST_REAL=from-file\nexport DOTENV_TEST_NEW="a b"\nDOTENV_TEST_EMPTY=\n',
    );

    expect(loadDotEnv(join(dir, '.env'))).toBe(true);

    expect(process.env.DOTENV_TEST_REAL).toBe('from-shell');
    expect(process.env.DOTENV_TEST_NEW).toBe('a b');
    expect(process.env.DOTENV_TEST_EMPTY).toBe('');
  });

  it('When there is no file, then nothing happens', () => {
    expect(loadDotEnv(join(dir, '.env'))).toBe(false);
    expect(process.env).toEqual(saved);
  });

  it('When a line is not NAME=value, then a ConfigError names the file and line, not its text, and nothing is set', () => {
    writeFileSync(
      join(dir, '.env'),
      'DOTENV_TEST_OK=1\nTELEGRAM_BOT_TOKEN 123456789:secret-looking\nDOTENV_TEST_Q="open\n',
    );

    let error: unknown;
    try {
      loadDotEnv(join(dir, '.env'));
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      `${join(dir, '.env')} line 2: expected NAME=value, a # comment or a blank line`,
      `${join(dir, '.env')} line 3: expected NAME=value, a # comment or a blank line`,
    ]);
    expect(problems.join('\n')).not.toContain('secret');
    expect(process.env.DOTENV_TEST_OK).toBeUndefined();
  });

  it('When a quoted value spans lines, then it is one value', () => {
    writeFileSync(join(dir, '.env'), 'DOTENV_TEST_PEM="line one\nline two"\nDOTENV_TEST_AFTER=x\n');

    loadDotEnv(join(dir, '.env'));

    expect(process.env.DOTENV_TEST_PEM).toBe('line one\nline two');
    expect(process.env.DOTENV_TEST_AFTER).toBe('x');
  });

  it('When .env is a copy of .env.example, then it loads as promised', () => {
    copyFileSync(join(REPO_ROOT, '.env.example'), join(dir, '.env'));
    delete process.env.DEFAULT_LOCALE;

    expect(loadDotEnv(join(dir, '.env'))).toBe(true);
    expect(process.env.DEFAULT_LOCALE).toBe('ru');
  });
});
