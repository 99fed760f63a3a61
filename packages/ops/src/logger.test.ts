import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createLogger, flushLogger } from './logger';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
const NOW = new Date('2026-11-28T07:00:00.000Z');

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

const base = { role: 'api', level: 'info', appVersion: '0.1.0', gitSha: 'abc', now: () => NOW };

describe('createLogger (stdout logfmt)', () => {
  it('starts every line with ts, level, role, app_version, git_sha and msg', async () => {
    const out = capture();
    const logger = createLogger({ ...base, stdout: out.stream });
    logger.info('text with spaces', { key: 'value', n: 2 });
    await flushLogger(logger);
    expect(out.lines()).toEqual([
      'ts=2026-11-28T07:00:00.000Z level=info role=api app_version=0.1.0 git_sha=abc msg="text with spaces" key=value n=2',
    ]);
  });

  it('honours the level, accepting Python names', async () => {
    const out = capture();
    const logger = createLogger({ ...base, level: 'WARNING', stdout: out.stream });
    logger.info('hidden');
    logger.warn('shown');
    await flushLogger(logger);
    expect(out.lines()).toHaveLength(1);
    expect(out.lines()[0]).toContain('msg=shown');
  });

  it('keeps the base fields on child loggers and over colliding metadata', async () => {
    const out = capture();
    const logger = createLogger({ ...base, stdout: out.stream });
    logger.child({ job_id: 'j1' }).info('child', { role: 'spoofed' });
    await flushLogger(logger);
    expect(out.lines()[0]).toMatch(
      / role=api app_version=0\.1\.0 git_sha=abc msg=child job_id=j1$/,
    );
  });

  it.each([
    ['logger.error(err)', (l: ReturnType<typeof createLogger>, e: Error) => l.error(e)],
    [
      'logger.error(msg, err)',
      (l: ReturnType<typeof createLogger>, e: Error) => l.error('failed', e),
    ],
    [
      'logger.error(msg, { err })',
      (l: ReturnType<typeof createLogger>, e: Error) => l.error('failed', { err: e }),
    ],
  ])('renders %s as err="<message>" plus a stack field', async (_name, log) => {
    const out = capture();
    const logger = createLogger({ ...base, stdout: out.stream });
    const err = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    log(logger, err);
    await flushLogger(logger);
    const [line] = out.lines();
    expect(line).toContain('level=error');
    expect(line).toContain('err="connection refused"');
    expect(line).toContain('err_code=ECONNREFUSED');
    expect(line).toMatch(/ stack="Error: connection refused\\n {4}at /);
    expect(line).not.toContain('err_level');
  });

  it('redacts the message, nested metadata and error messages and stacks', async () => {
    const out = capture();
    const logger = createLogger({ ...base, stdout: out.stream });
    const err = new Error(`GET https://api.telegram.org/bot${TOKEN}/getMe failed`);
    logger.error(`poll failed for bot${TOKEN}`, {
      err,
      db: { url: 'postgres://bot:hunter2@pg:5432/app', password: 'hunter2' },
      headers: { authorization: 'Bearer abcdefghijkl' },
    });
    await flushLogger(logger);
    const [line] = out.lines();
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('abcdefghijkl');
    expect(line).toContain('msg="poll failed for bot[REDACTED]"');
    expect(line).toContain('db.url=postgres://bot:***@pg:5432/app');
    expect(line).toContain('db.password=[REDACTED]');
    expect(line).toContain('err="GET https://api.telegram.org/bot[REDACTED]/getMe failed"');
  });

  it('survives cyclic metadata', async () => {
    const out = capture();
    const logger = createLogger({ ...base, stdout: out.stream });
    const meta: Record<string, unknown> = { a: 1 };
    meta.self = meta;
    logger.info('cyclic', meta);
    await flushLogger(logger);
    // winston copies the metadata into its info object, so the cycle closes one level down.
    expect(out.lines()[0]).toMatch(/ msg=cyclic a=1 self\.a=1 self\.self=\[Circular\]$/);
  });
});

describe('createLogger (JSON files)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-logger-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const logFiles = (): string[] =>
    fs.readdirSync(dir).filter((f) => /^app_worker_\d{4}-\d{2}-\d{2}\.json\.log$/.test(f));

  it('writes redacted JSON lines with the base fields and an audit file in logDir', async () => {
    const out = capture();
    const logger = createLogger({ ...base, role: 'worker', logDir: dir, stdout: out.stream });
    logger.warn('redis down', { url: 'redis://:pw123456@cache:6379/0', token: TOKEN });
    await flushLogger(logger);

    const files = logFiles();
    expect(files).toHaveLength(1);
    const lines = fs.readFileSync(path.join(dir, files[0]!), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        ts: '2026-11-28T07:00:00.000Z',
        level: 'warn',
        role: 'worker',
        app_version: '0.1.0',
        git_sha: 'abc',
        msg: 'redis down',
        url: 'redis://:***@cache:6379/0',
        token: '[REDACTED]',
      },
    ]);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('audit.json'))).toBe(true);
    expect(out.lines()).toHaveLength(1);
  });

  it('flushLogger resolves only after every line reached the file', async () => {
    const logger = createLogger({ ...base, role: 'worker', logDir: dir, stdout: capture().stream });
    for (let i = 0; i < 2000; i++) logger.info(`line ${i}`, { payload: 'x'.repeat(200) });
    await flushLogger(logger);
    const text = fs.readFileSync(path.join(dir, logFiles()[0]!), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2000);
    expect(JSON.parse(lines[1999]!).msg).toBe('line 1999');
  });

  it('rotates by size and keeps only maxFiles files, named app_<role>_<date>[.n].json.log', async () => {
    const logger = createLogger({
      ...base,
      role: 'worker',
      logDir: dir,
      rotation: { maxSize: '1k', maxFiles: 3 },
      stdout: capture().stream,
    });
    // Retention only deletes files that already exist, so let each new file open before
    // the next rotation (real files take 10 MB to fill; this test takes 1 KB).
    let opened: Promise<void> | undefined;
    logger.transports[1]!.on('new', (file: string) => {
      opened = (async () => {
        while (!fs.existsSync(file)) await new Promise((r) => setTimeout(r, 5));
      })();
    });
    for (let i = 0; i < 60; i++) {
      logger.info(`line ${i}`, { pad: 'x'.repeat(100) });
      await new Promise((r) => setImmediate(r));
      await opened;
    }
    await flushLogger(logger);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json.log'));
    expect(files).toHaveLength(3);
    for (const f of files) expect(f).toMatch(/^app_worker_\d{4}-\d{2}-\d{2}(\.\d+)?\.json\.log$/);
    const all = files.flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n'));
    expect(all.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('line 59');
  });

  it('survives a file system error while writing: one warning, stdout keeps working', async () => {
    // A directory where today's log file should be makes the file stream fail with EISDIR.
    const today = new Date().toISOString().slice(0, 10);
    fs.mkdirSync(path.join(dir, `app_api_${today}.json.log`));
    const out = capture();
    const logger = createLogger({ ...base, logDir: dir, stdout: out.stream });
    logger.info('before');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    logger.info('after');
    await flushLogger(logger);
    const lines = out.lines();
    expect(lines.filter((l) => l.includes('msg="Log file write failed"'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('Log file write failed'))).toContain('err_code=EISDIR');
    expect(lines.at(0)).toContain('msg=before');
    expect(lines.at(-1)).toContain('msg=after');
  });

  it('keeps logging to stdout when the log directory cannot be created', async () => {
    const file = path.join(dir, 'plain-file');
    fs.writeFileSync(file, 'x');
    const out = capture();
    const logger = createLogger({ ...base, logDir: path.join(file, 'logs'), stdout: out.stream });
    logger.info('still alive');
    await flushLogger(logger);
    const lines = out.lines();
    expect(lines[0]).toContain('msg="File logging disabled: cannot use log directory"');
    expect(lines[0]).toContain('ENOTDIR');
    expect(lines[1]).toContain('msg="still alive"');
  });
});
