import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { checkTelegramTokenFormat, probeWritableDir } from './dry-run';

describe('probeWritableDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-probe-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing directories and leaves no probe file behind', async () => {
    const target = path.join(dir, 'a', 'b', 'logs');
    await expect(probeWritableDir(target)).resolves.toBeNull();
    expect(fs.statSync(target).isDirectory()).toBe(true);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('returns one line naming the path and the OS reason when under a regular file', async () => {
    const file = path.join(dir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const target = path.join(file, 'reports');
    const problem = await probeWritableDir(target);
    expect(problem).toBe(`Directory ${target} is not writable: ENOTDIR (not a directory)`);
  });

  it('reports a path that is itself a regular file', async () => {
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, 'x');
    const problem = await probeWritableDir(file);
    expect(problem).toMatch(new RegExp(`^Directory ${file} is not writable: E[A-Z]+`));
    expect(problem).not.toContain('\n');
  });
});

describe('checkTelegramTokenFormat', () => {
  const good = '1234567:TEST-only-fake-token-not-a-secret-0';

  it('accepts a well-formed token', () => {
    expect(checkTelegramTokenFormat(good)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    [`${good} `, 'whitespace'],
    ['123:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', 'malformed'],
    ['123456789:short', 'malformed'],
    ['123456789-AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', 'malformed'],
    ['123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDs$w', 'malformed'],
  ])('rejects %p without echoing it', (token, word) => {
    const problem = checkTelegramTokenFormat(token);
    expect(problem).toContain(word);
    if (token !== '') expect(problem).not.toContain(token.trim());
    expect(problem).not.toContain('AAHdq');
  });
});
