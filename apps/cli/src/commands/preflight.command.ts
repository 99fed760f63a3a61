// scoreline preflight (DESIGN §6): checks a release environment for real — configuration,
// database (ping + migrations), Redis, data directories, the Telegram token against getMe and
// the SportMonks token with one cheap authenticated request — and prints one table. Unlike
// --dry-run it talks to Telegram and SportMonks. Secrets never reach the output.
import type { Config } from '@scoreline/config';
import { createDb, migrateLatest, pingDb, MIGRATION_NAMES } from '@scoreline/db';
import { errorText, maskUrl, probeWritableDir, redactSecrets } from '@scoreline/ops';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { EXIT, UsageError, type CommandContext } from '../context';

export const preflightUsage =
  'scoreline preflight          check config, database, Redis, directories, Telegram and SportMonks';

type Status = 'ok' | 'fail' | 'skip';
interface Row {
  check: string;
  status: Status;
  detail: string;
}

const TIMEOUT_MS = 10_000;

export async function preflightCommand(args: string[], ctx: CommandContext): Promise<number> {
  if (args.length > 0) throw new UsageError(`unexpected argument: ${args[0]}`);
  const { config } = ctx;
  const secrets = [config.telegram.token, config.sportmonks.token].filter((s): s is string => !!s);
  const scrub = (text: string) => redactSecrets(text, secrets);

  const rows: Row[] = [{ check: 'config', status: 'ok', detail: configSummary(config) }];
  const run = async (check: string, fn: () => Promise<Omit<Row, 'check'>>) => {
    try {
      rows.push({ check, ...(await fn()) });
    } catch (err) {
      rows.push({
        check,
        status: 'fail',
        detail: errorText(err, secrets),
      });
    }
  };

  await run('database', () => checkDatabase(config));
  await run('redis', () => checkRedis(config));
  for (const [name, dir] of [
    ['dir LOG_DIR', config.paths.logDir],
    ['dir REPORTS_DIR', config.paths.reportsDir],
    ['dir MODEL_REGISTRY_PATH', config.paths.modelRegistryPath],
    ['dir BACKUP_DIR', config.paths.backupDir],
  ] as const) {
    await run(name, async () => {
      const problem = await probeWritableDir(dir);
      return problem
        ? { status: 'fail', detail: problem }
        : { status: 'ok', detail: `${dir} writable` };
    });
  }
  await run('telegram getMe', () => checkTelegram(config));
  await run('sportmonks token', () => checkSportmonks(config));

  for (const line of table(rows.map((r) => ({ ...r, detail: scrub(r.detail) })))) {
    ctx.output.out(line);
  }
  const failed = rows.filter((r) => r.status === 'fail').length;
  ctx.output.out(failed === 0 ? 'preflight: ok' : `preflight: ${failed} check(s) failed`);
  return failed === 0 ? EXIT.ok : EXIT.failure;
}

function configSummary(config: Config): string {
  const db =
    config.db.client === 'sqlite'
      ? `sqlite ${config.db.path}`
      : `pg ${maskUrl(config.db.writerUrl)}`;
  const redis = config.redis ? maskUrl(config.redis.url) : 'none (in-process queue)';
  return `role=${config.role} db=${db} redis=${redis}`;
}

async function checkDatabase(config: Config): Promise<Omit<Row, 'check'>> {
  const db = createDb(config.db);
  try {
    await pingDb(db, 5000);
    const applied = await migrateLatest(db);
    return {
      status: 'ok',
      detail: `${db.target}: ${MIGRATION_NAMES.length} migrations${applied.length ? `, applied now: ${applied.join(', ')}` : ', up to date'}`,
    };
  } finally {
    await db.destroy().catch(() => undefined);
  }
}

/** One PING over a raw connection (AUTH first when the URL has a password); no client library. */
async function checkRedis(config: Config): Promise<Omit<Row, 'check'>> {
  if (!config.redis) return { status: 'skip', detail: 'not configured (in-process queue)' };
  const url = new URL(config.redis.url);
  const port = Number(url.port || 6379);
  const host = url.hostname;
  const commands: string[][] = [];
  if (url.password) {
    const password = decodeURIComponent(url.password);
    commands.push(
      url.username ? ['AUTH', decodeURIComponent(url.username), password] : ['AUTH', password],
    );
  }
  commands.push(['PING']);
  const resp = commands
    .map((c) => `*${c.length}\r\n${c.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`)
    .join('');
  const reply = await new Promise<string>((resolve, reject) => {
    const socket: Socket =
      url.protocol === 'rediss:'
        ? tlsConnect({ host, port, servername: host })
        : tcpConnect({ host, port });
    let data = '';
    socket.setTimeout(5000, () =>
      socket.destroy(new Error(`no answer from ${host}:${port} within 5000 ms`)),
    );
    socket.once(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(resp));
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('utf8');
      const lines = data.split('\r\n').filter(Boolean);
      if (lines.length >= commands.length || lines.some((l) => l.startsWith('-'))) {
        socket.end();
        resolve(data);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(data));
  });
  const error = reply.split('\r\n').find((l) => l.startsWith('-'));
  if (error) return { status: 'fail', detail: `${maskUrl(config.redis.url)}: ${error.slice(1)}` };
  return reply.includes('+PONG')
    ? { status: 'ok', detail: `${maskUrl(config.redis.url)} PONG` }
    : { status: 'fail', detail: `${maskUrl(config.redis.url)}: unexpected answer` };
}

async function checkTelegram(config: Config): Promise<Omit<Row, 'check'>> {
  const token = config.telegram.token;
  if (!token) {
    return config.role === 'tgbot'
      ? { status: 'fail', detail: 'TELEGRAM_BOT_TOKEN is not set (required for ROLE=tgbot)' }
      : { status: 'skip', detail: 'TELEGRAM_BOT_TOKEN is not set (the bot is off)' };
  }
  const root = config.telegram.apiRoot.replace(/\/+$/, '');
  const res = await fetch(`${root}/bot${token}/getMe`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = (await res.json().catch(() => null)) as {
    ok?: boolean;
    description?: string;
    result?: { username?: string };
  } | null;
  if (res.ok && body?.ok) {
    return { status: 'ok', detail: `@${body.result?.username ?? '?'} via ${root}` };
  }
  return {
    status: 'fail',
    detail: `${root} answered ${res.status}${body?.description ? `: ${body.description}` : ''}`,
  };
}

async function checkSportmonks(config: Config): Promise<Omit<Row, 'check'>> {
  const token = config.sportmonks.token;
  if (!token) return { status: 'skip', detail: 'SPORTMONKS_API_TOKEN is not set (sync is off)' };
  const base = config.sportmonks.baseUrl.replace(/\/+$/, '');
  const res = await fetch(`${base}/leagues?per_page=1`, {
    headers: { Authorization: token, Accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await res.body?.cancel().catch(() => undefined);
  if (res.ok) return { status: 'ok', detail: `${base} accepted the token` };
  const why =
    res.status === 401 || res.status === 403
      ? 'token rejected'
      : res.status === 429
        ? 'rate limited'
        : 'unexpected answer';
  return { status: 'fail', detail: `${base} answered ${res.status} (${why})` };
}

function table(rows: Row[]): string[] {
  const head = { check: 'check', status: 'status', detail: 'detail' };
  const w1 = Math.max(...[head, ...rows].map((r) => r.check.length));
  const w2 = Math.max(...[head, ...rows].map((r) => r.status.length));
  const line = (r: { check: string; status: string; detail: string }) =>
    `${r.check.padEnd(w1)}  ${r.status.padEnd(w2)}  ${r.detail}`.trimEnd();
  return [
    line(head),
    line({ check: '-'.repeat(w1), status: '-'.repeat(w2), detail: '------' }),
    ...rows.map(line),
  ];
}
