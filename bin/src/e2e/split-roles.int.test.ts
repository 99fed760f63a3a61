// The three Amvera projects as three OS processes: `node bin/start.js` (what `npm start` runs)
// with ROLE=api, worker and tgbot, over the real Postgres (a fresh schema) and a Redis of this
// suite's own (so it can be restarted), the bot polling the Bot API emulator. Every other e2e
// suite runs the roles inside one process; this one is the production path.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  startEmulator,
  startFaultFront,
  type Emulator,
  type FaultFront,
  type TestChat,
} from '@scoreline/bot-api-emulator';
import { createDb, getChampion, listModels, migrateLatest, type Db } from '@scoreline/db';
import { importFootballDataFile } from '@scoreline/feeds';
import { createQueueBackend, type JobInfo, type QueueBackend } from '@scoreline/queue';
import { describeWithPostgres, describeWithRedis, testDatabaseUrl } from '@test-support/services';
import { Redis } from 'ioredis';
import knex from 'knex';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedLeague, TEST_TOKEN } from '../test-support/bot-system';
import { freePort } from '@test-support/net';
import { startRedisServer } from '@test-support/redis-server';

const ROOT = resolve(__dirname, '..', '..', '..');
const START = join(ROOT, 'bin', 'start.js');
const ADMIN_ID = 990_001;
const SHUTDOWN_TIMEOUT_S = 5;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function until<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  ms: number,
  what: string,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The promise's value, or `fallback` once `ms` passed; leaves no timer behind. */
async function within<T, F>(p: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((r) => (timer = setTimeout(() => r(fallback), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** One `node bin/start.js` child with its output kept for assertions. */
interface RoleProcess {
  name: string;
  child: ChildProcess;
  output(): string;
  waitFor(text: string, ms?: number): Promise<void>;
  /** Resolves with the exit code (null after a signal) once the process ended. */
  exited: Promise<number | null>;
}

const children: RoleProcess[] = [];

function startProcess(name: string, env: Record<string, string>): RoleProcess {
  const child = spawn(process.execPath, [START], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const proc: RoleProcess = {
    name,
    child,
    output: () => out,
    exited,
    async waitFor(text, ms = 60_000) {
      await until(
        () => out.includes(text) || (child.exitCode !== null ? 'exited' : undefined),
        ms,
        `${name} printing "${text}"`,
      );
      if (!out.includes(text)) throw new Error(`${name} exited before "${text}":\n${out}`);
    },
  };
  children.push(proc);
  return proc;
}

/** Ends a child within a bound: SIGTERM, then SIGKILL. */
async function stopProcess(p: RoleProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
  await p.exited;
  clearTimeout(timer);
}

async function redisAnswers(port: number): Promise<boolean> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

describeWithPostgres('three role processes (Amvera)', () => {
  describeWithRedis('over Postgres and Redis', () => {
    const schema = `split_${randomBytes(6).toString('hex')}`;
    const prefix = `split-${randomBytes(4).toString('hex')}`;
    const tmp = mkdtempSync(join(tmpdir(), 'scoreline-split-'));
    const dirs = { api: join(tmp, 'api'), worker: join(tmp, 'worker'), tgbot: join(tmp, 'tgbot') };
    const admin = knex({ client: 'pg', connection: testDatabaseUrl, pool: { min: 0, max: 1 } });
    let db: Db;
    let emulator: Emulator;
    let front: FaultFront | undefined;
    let redisPort: number;
    let redis: ChildProcess;
    let apiPort: number;
    let producer: QueueBackend;
    let env: (role: string, extra?: Record<string, string>) => Record<string, string>;
    const roles: Record<'api' | 'worker' | 'tgbot', RoleProcess | undefined> = {
      api: undefined,
      worker: undefined,
      tgbot: undefined,
    };

    beforeAll(async () => {
      await admin.raw('CREATE SCHEMA ??', [schema]);
      db = createDb({ client: 'pg', writerUrl: testDatabaseUrl, searchPath: schema });
      await migrateLatest(db);
      // The champion lives where the worker's DATA_DIR puts MODEL_REGISTRY_PATH.
      await seedLeague(
        db,
        {
          modelRegistryPath: join(dirs.worker, 'artifacts'),
          reportsDir: join(dirs.worker, 'reports'),
        },
        tmp,
      );
      emulator = await startEmulator();
      redisPort = await freePort();
      mkdirSync(join(tmp, 'redis'));
      redis = startRedisServer(redisPort, { dir: join(tmp, 'redis') });
      await until(() => redisAnswers(redisPort), 10_000, 'redis-server answering');
      apiPort = await freePort();

      const dbUrl = new URL(testDatabaseUrl);
      dbUrl.searchParams.set('options', `-c search_path=${schema}`);
      env = (role, extra = {}) => ({
        ROLE: role,
        DATA_DIR: dirs[role as keyof typeof dirs] ?? join(tmp, role),
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
        QUEUE_PREFIX: prefix,
        TELEGRAM_BOT_TOKEN: TEST_TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        ADMIN_IDS: String(ADMIN_ID),
        PORT: String(apiPort),
        ENABLE_SCHEDULER: '0',
        SHUTDOWN_TIMEOUT: String(SHUTDOWN_TIMEOUT_S),
        STARTUP_DELAY_SEC: '0',
        RETRY_DELAY: '0.2',
        RETRY_MAX_DELAY: '1',
        ...extra,
      });
      roles.worker = startProcess('worker', env('worker'));
      roles.api = startProcess('api', env('api'));
      roles.tgbot = startProcess('tgbot', env('tgbot'));
      await Promise.all([
        roles.worker.waitFor('started role=worker'),
        roles.api.waitFor('started role=api'),
        roles.tgbot.waitFor('started role=tgbot'),
      ]);
      producer = createQueueBackend({
        redisUrl: `redis://127.0.0.1:${redisPort}/0`,
        prefix,
        logger: quiet,
        role: 'producer',
      });
    }, 150_000);

    afterAll(async () => {
      await Promise.all(children.map((p) => stopProcess(p, 'SIGKILL')));
      await producer?.close();
      await front?.stop();
      await emulator?.stop();
      if (redis && redis.exitCode === null) {
        redis.kill('SIGKILL');
        await once(redis, 'exit');
      }
      await db?.destroy();
      await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await admin.destroy();
      rmSync(tmp, { recursive: true, force: true });
    }, 60_000);

    const chat = (opts: { userId?: number } = {}): TestChat =>
      emulator.chat(TEST_TOKEN, { languageCode: 'en', ...opts });

    /** The match card: across processes the bot first says it is calculating, then edits. */
    async function predictCard(user: TestChat, timeoutMs: number): Promise<string> {
      await user.send('/predict Arsenal - Chelsea');
      const [reply] = await user.nextReplies(1, timeoutMs);
      if (reply!.text.includes('Arsenal — Chelsea')) return reply!.text;
      const [edited] = await user.nextEdits(1, timeoutMs);
      return edited!.text;
    }

    const postPredict = () =>
      fetch(`http://127.0.0.1:${apiPort}/v1/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ league: 'E0', home: 'Arsenal', away: 'Chelsea' }),
      });

    it('When a user sends /predict to the tgbot process, then the worker process computes the card', async () => {
      const card = await predictCard(chat(), 20_000);

      expect(card).toContain('Arsenal — Chelsea');
      expect(card).toContain('Draw');
      // Only the worker holds the champion's artifact: the answer can only have come from it.
      expect(roles.worker!.output()).not.toContain('level=error');
    });

    it('When a user sends /season to the tgbot process, then the worker process simulates it with the champion it alone holds', async () => {
      const user = chat();
      const champion = await getChampion(db, 'E0');

      await user.send('/season E0');
      const [reply] = await user.nextReplies(1, 30_000);

      expect(reply!.text).toContain('simulated 10,000 times');
      expect(reply!.text).toContain(`Matches forecast by the champion model ${champion!.version}.`);
    });

    it('When a user sends /form to the tgbot process, then the ratings come from the worker process, whose champion the bot cannot read', async () => {
      const user = chat();
      const champion = await getChampion(db, 'E0');

      await user.send('/form Arsenal');
      const [reply] = await user.nextReplies(1, 20_000);

      expect(reply!.text).toContain('<b>Arsenal</b> (E0): last 6 matches');
      expect(reply!.text).toMatch(
        new RegExp(
          `Model ${champion!.version} ratings: attack: .* league average \\([+−]\\d+% goals\\)`,
        ),
      );
    });

    it('When POST /v1/predict reaches the api process, then it answers 200 with the worker’s forecast', async () => {
      const res = await postPredict();
      const body = (await res.json()) as { probs?: unknown; home?: string; model_version?: string };

      expect(res.status).toBe(200);
      expect(body).toMatchObject({ home: 'Arsenal', away: 'Chelsea' });
      expect(typeof body.model_version).toBe('string');
    });

    it('When a user subscribes and the worker’s digest scan is due, then the tgbot process delivers the digest through the outbox', async () => {
      const user = chat();
      const due = new Date(Math.floor((Date.now() + 3_600_000) / 60_000) * 60_000);
      const hhmm = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Moscow',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(due);
      await user.send(`/subscribe ${hhmm} E0`);
      const [confirmation] = await user.nextReplies(1, 10_000);
      expect(confirmation!.text).toContain(hhmm);

      const scan = await producer.request(
        'digest',
        { now: due.toISOString() },
        { timeoutMs: 20_000 },
      );
      const [digest] = await user.nextReplies(1, 20_000);

      expect(scan).toEqual({ status: 'ok', queued: 1 });
      expect(digest!.text).toContain('Liverpool — Everton');
    });

    it('When the admin sends /retrain E0 in the chat, then the job runs on the worker process and its outcome comes back', async () => {
      const adminChat = chat({ userId: ADMIN_ID });
      await adminChat.send('/retrain E0');
      const [queued] = await adminChat.nextReplies(1, 10_000);
      const [outcome] = await adminChat.nextReplies(1, 60_000);

      expect(queued!.text).toMatch(/^Retrain E0: queued/);
      // The champion already saw every finished match: a real outcome, computed by the worker.
      expect(outcome!.text).toMatch(/^Retrain E0: skipped — no finished E0 matches after/);
    }, 90_000);

    it('When a second tgbot process polls the same token and Telegram answers 409, then it backs off with one log line and keeps running', async () => {
      front = await startFaultFront({ target: emulator.apiRoot });
      front.fail('getUpdates', {
        code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
        times: 2,
      });
      // Another deployment's bot (its own prefix, so no shared polling lease) on the same token.
      const second = startProcess(
        'tgbot-2',
        env('tgbot', {
          DATA_DIR: join(tmp, 'tgbot-2'),
          QUEUE_PREFIX: `${prefix}-2`,
          TELEGRAM_API_ROOT: front.apiRoot,
        }),
      );
      await second.waitFor('started role=tgbot');
      // Two conflicts, each followed by a retry after the backoff (about 5 s, then 10 s): the
      // third getUpdates is the long poll that follows them. A crash loop would not reach it, a
      // flat retry would log a line per conflict.
      await until(
        () => front!.calls('getUpdates').length >= 3,
        45_000,
        'a third getUpdates after the two conflicts',
      );
      const alive = second.child.exitCode === null;
      await stopProcess(second);

      expect(alive).toBe(true);
      expect(second.output().match(/telegram polling conflict \(409\)/g)).toHaveLength(1);
      expect(second.output()).not.toContain('startup failed');
    }, 75_000);

    it('When Redis restarts, then the three processes recover without a restart and a job queued before it still runs', async () => {
      const jobId = `before-restart-${randomBytes(4).toString('hex')}`;
      await producer.enqueue(
        'predict',
        { league: 'E0', home: 'Liverpool', away: 'Everton', requestedBy: 'split-test' },
        { jobId, delayMs: 3_000 },
      );
      redis.kill('SIGTERM');
      await once(redis, 'exit');
      await new Promise((r) => setTimeout(r, 1_000));
      redis = startRedisServer(redisPort, { dir: join(tmp, 'redis') });
      await until(() => redisAnswers(redisPort), 10_000, 'redis-server answering again');

      const job = await until<JobInfo<'predict'>>(
        async () => {
          const info = await producer.getJob('predict', jobId).catch(() => undefined);
          return info?.state === 'completed' ? info : undefined;
        },
        60_000,
        'the delayed predict job completing',
      );
      const api = await until(
        async () => {
          const res = await postPredict().catch(() => undefined);
          return res?.status === 200 ? res : undefined;
        },
        30_000,
        'POST /v1/predict answering 200 again',
      );
      const card = await predictCard(chat(), 30_000);

      expect(job.result).toMatchObject({ status: 'ok' });
      expect(api.status).toBe(200);
      expect(card).toContain('Arsenal — Chelsea');
      for (const p of Object.values(roles)) expect(p!.child.exitCode).toBeNull();
    }, 150_000);

    it('When the worker is killed with SIGKILL in the middle of a retrain, then a new worker finishes that job, exactly once', async () => {
      // A season the champion has not seen: the retrain has real work (a few seconds).
      await importFootballDataFile(db, join(ROOT, 'data', 'history', 'E0', 'season-2526.csv'), {
        league: 'E0',
      });
      const before = await listModels(db, 'E0');
      const jobId = `killed-retrain-${randomBytes(4).toString('hex')}`;
      await producer.enqueue('retrain', { league: 'E0', reason: 'split-test' }, { jobId });
      await until(
        async () => (await producer.getJob('retrain', jobId)).state === 'active',
        30_000,
        'the retrain becoming active',
      );
      await stopProcess(roles.worker!, 'SIGKILL');
      const killedMidJob = (await producer.getJob('retrain', jobId)).state === 'active';

      roles.worker = startProcess('worker', env('worker'));
      await roles.worker.waitFor('started role=worker');
      // BullMQ hands a job whose worker died to another once its lock lapses (lockDuration).
      const job = await until<JobInfo<'retrain'>>(
        async () => {
          const info = await producer.getJob('retrain', jobId);
          return info.state === 'completed' || info.state === 'failed' ? info : undefined;
        },
        100_000,
        'the killed retrain completing on the new worker',
      );
      const after = await listModels(db, 'E0');

      expect(killedMidJob).toBe(true);
      expect(job.state).toBe('completed');
      expect(job.result).toMatchObject({ status: 'promoted', league: 'E0' });
      // One model came of the job, however many processes started it.
      expect(after.length - before.length).toBe(1);
      expect(after.filter((m) => m.version === job.result!.modelVersion)).toHaveLength(1);
    }, 150_000);

    it('When a role cannot start (its port is taken), then its process exits non-zero', async () => {
      const clash = startProcess('api-2', env('api', { DATA_DIR: join(tmp, 'api-2') }));
      const code = await within(clash.exited, 60_000, 'still running');

      expect(code).toBe(1);
      expect(clash.output()).toContain('startup failed');
    }, 90_000);

    it('When each process gets SIGTERM, then each exits 0 within SHUTDOWN_TIMEOUT', async () => {
      // Exit 0 is the proof: a shutdown whose hooks outlast SHUTDOWN_TIMEOUT exits 1. The bound
      // only keeps a hung process from hanging the suite.
      const bound = (SHUTDOWN_TIMEOUT_S + 3) * 1000;
      const outcomes = await Promise.all(
        Object.values(roles).map(async (p) => {
          p!.child.kill('SIGTERM');
          const code = await within(p!.exited, bound, 'still running');
          return [p!.name, code];
        }),
      );

      expect(outcomes).toEqual([
        ['api', 0],
        ['worker', 0],
        ['tgbot', 0],
      ]);
    }, 30_000);
  });
});
