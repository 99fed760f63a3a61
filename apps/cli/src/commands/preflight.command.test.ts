// preflight against local HTTP servers standing in for the Bot API and SportMonks, a real SQLite
// file, and real (or deliberately absent) Redis.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWithRedis, testRedisUrl } from '@test-support/services';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
const SM_TOKEN = 'sportmonks-secret-token-xyz';
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-preflight-'));

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

describe('scoreline preflight', () => {
  let telegram: Awaited<ReturnType<typeof listen>>;
  let sportmonks: Awaited<ReturnType<typeof listen>>;
  const seen: { telegram: string[]; sportmonks: Array<string | undefined> } = {
    telegram: [],
    sportmonks: [],
  };
  let n = 0;

  beforeAll(async () => {
    telegram = await listen((req, res) => {
      seen.telegram.push(req.url ?? '');
      if (req.url === `/bot${TOKEN}/getMe`) {
        json(res, 200, {
          ok: true,
          result: { id: 123456789, is_bot: true, username: 'scoreline_test_bot' },
        });
      } else json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    });
    sportmonks = await listen((req, res) => {
      seen.sportmonks.push(req.headers.authorization);
      if (!req.url?.startsWith('/v3/football/leagues?per_page=1')) json(res, 404, {});
      else if (req.headers.authorization === SM_TOKEN) json(res, 200, { data: [{ id: 8 }] });
      else json(res, 401, { message: 'Unauthenticated.' });
    });
  });
  afterAll(() => {
    telegram.server.close();
    sportmonks.server.close();
    telegram.server.closeAllConnections();
    sportmonks.server.closeAllConnections();
    rmSync(tmp, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    DATA_DIR: join(tmp, `data-${++n}`),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.url,
    SPORTMONKS_API_TOKEN: SM_TOKEN,
    SPORTMONKS_BASE_URL: `${sportmonks.url}/v3/football`,
    ...extra,
  });
  const row = (out: string[], check: string) => out.find((l) => l.startsWith(`${check} `)) ?? '';

  it('When every dependency answers, then it prints the table and exits 0 without printing a token', async () => {
    const io = capture();

    const code = await main(['preflight'], io.output, env());

    expect(code).toBe(0);
    expect(io.out[0]).toMatch(/^check +status +detail$/);
    for (const check of [
      'config',
      'database',
      'dir LOG_DIR',
      'dir BACKUP_DIR',
      'telegram getMe',
      'sportmonks token',
    ]) {
      expect(row(io.out, check)).toMatch(new RegExp(`^${check} +ok `));
    }
    expect(row(io.out, 'redis')).toMatch(/^redis +skip +not configured/);
    expect(row(io.out, 'telegram getMe')).toContain('@scoreline_test_bot');
    expect(io.out.at(-1)).toBe('preflight: ok');
    expect(seen.sportmonks.at(-1)).toBe(SM_TOKEN);
    const all = [...io.out, ...io.err].join('\n');
    expect(all).not.toContain(TOKEN.split(':')[1]);
    expect(all).not.toContain(SM_TOKEN);
  });

  it('When Telegram rejects the token and SportMonks rejects its token, then both fail and it exits 1', async () => {
    const io = capture();
    const wrong = '7654321:WRONG-fake-token-not-a-secret-00000';

    const code = await main(
      ['preflight'],
      io.output,
      env({ TELEGRAM_BOT_TOKEN: wrong, SPORTMONKS_API_TOKEN: 'wrong-sm-token' }),
    );

    expect(code).toBe(1);
    expect(row(io.out, 'telegram getMe')).toMatch(
      /^telegram getMe +fail +.*answered 401: Unauthorized/,
    );
    expect(row(io.out, 'sportmonks token')).toMatch(
      /^sportmonks token +fail +.*401 \(token rejected\)/,
    );
    expect(row(io.out, 'database')).toMatch(/ ok /);
    expect(io.out.at(-1)).toBe('preflight: 2 check(s) failed');
    expect(io.out.join('\n')).not.toMatch(/BBBBBBBB|wrong-sm-token/);
  });

  it('When a data directory cannot be written, Redis is unreachable and Telegram is down, then each fails', async () => {
    const blocker = join(tmp, 'a-file');
    writeFileSync(blocker, 'x');
    const closed = await listen(() => undefined);
    const deadUrl = closed.url;
    await new Promise((r) => closed.server.close(r));
    const io = capture();

    const code = await main(
      ['preflight'],
      io.output,
      env({
        REPORTS_DIR: join(blocker, 'reports'),
        REDIS_URL: `redis://:pw@${deadUrl.replace('http://', '')}/0`,
        TELEGRAM_API_ROOT: deadUrl,
      }),
    );

    expect(code).toBe(1);
    expect(row(io.out, 'dir REPORTS_DIR')).toMatch(/ fail /);
    expect(row(io.out, 'dir LOG_DIR')).toMatch(/ ok /);
    expect(row(io.out, 'redis')).toMatch(/^redis +fail /);
    expect(row(io.out, 'telegram getMe')).toMatch(/ fail /);
    expect(io.out.join('\n')).not.toContain(':pw@');
  });

  it('When no tokens are set for the api role, then those checks are skipped and it exits 0', async () => {
    const io = capture();
    const vars: Record<string, string> = { ...env(), ROLE: 'api' };
    delete vars.TELEGRAM_BOT_TOKEN;
    delete vars.SPORTMONKS_API_TOKEN;

    const code = await main(['preflight'], io.output, vars);

    expect(code).toBe(0);
    expect(row(io.out, 'telegram getMe')).toMatch(/ skip /);
    expect(row(io.out, 'sportmonks token')).toMatch(/ skip /);
  });

  describeWithRedis('with the test Redis', () => {
    it('When Redis answers PING, then the redis row is ok', async () => {
      const io = capture();

      const code = await main(['preflight'], io.output, env({ REDIS_URL: testRedisUrl }));

      expect(code).toBe(0);
      expect(row(io.out, 'redis')).toMatch(/^redis +ok +.*PONG/);
    });
  });
});
