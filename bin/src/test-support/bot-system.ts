// The whole bot system in one process for end-to-end tests, as ROLE=all runs it on the embedded
// default: SQLite on disk, the in-process queue, the real worker and the real bot, talking to a
// local Bot API emulator (optionally through a fault-injecting front). The data is the bundled
// 2024/25 Premier League with generated odds, a champion is trained on it, and a few fixtures are
// scheduled around now so that /today and /predict's fixture buttons have something to show.
import { loadConfig, type Config } from '@scoreline/config';
import {
  createDb,
  createSqlHeartbeatStore,
  findLeagueByCode,
  migrateLatest,
  resolveTeamAlias,
  upsertFixture,
  type Db,
} from '@scoreline/db';
import { importFootballDataFile } from '@scoreline/feeds';
import { createMetricsRegistry } from '@scoreline/ops';
import { createQueueBackend, type QueueBackend } from '@scoreline/queue';
import { localDate, startTgbot, type TgbotDeps, type TgbotHandle } from '@scoreline/tgbot';
import { DEFAULT_CANDIDATES, retrainLeague } from '@scoreline/training';
import { startWorkerRole, type WorkerHandle } from '@scoreline/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';
import {
  startEmulator,
  startFaultFront,
  type FaultFront,
  type Emulator,
  type TestChat,
  type ChatOptions,
} from '@scoreline/bot-api-emulator';

export const TEST_TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';

export interface LogLine {
  level: string;
  msg: string;
  meta?: object;
}

type Log = (msg: string, meta?: object) => void;

export interface BotSystem {
  config: Config;
  db: Db;
  queue: QueueBackend;
  emulator: Emulator;
  /** The fault-injecting front, when asked for. */
  front?: FaultFront;
  tgbot: TgbotHandle;
  logs: LogLine[];
  /** Fixtures scheduled by the set-up: [today's, tomorrow's…], by kick-off. */
  fixtureIds: number[];
  chat(opts?: ChatOptions): TestChat;
  /** The logger the system's roles write to (recorded in `logs`). */
  logger: { info: Log; warn: Log; error: Log; debug: Log };
  /** Stops the worker: predictions then time out. */
  stopWorker(): Promise<void>;
  dispose(): Promise<void>;
}

export interface BotSystemOptions {
  /** Put a fault-injecting front between the bot and the emulator. */
  front?: boolean;
  env?: Record<string, string>;
  tgbot?: Partial<
    Pick<
      TgbotDeps,
      'predictTimeoutMs' | 'flood' | 'retryBackoff' | 'simulated' | 'redis' | 'pollingLeaseTtlMs'
    >
  >;
}

export async function startBotSystem(opts: BotSystemOptions = {}): Promise<BotSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'scoreline-bot-'));
  const emulator = await startEmulator();
  const front = opts.front ? await startFaultFront({ target: emulator.apiRoot }) : undefined;
  const config = loadConfig(
    {
      DATA_DIR: dir,
      ROLE: 'all',
      SHUTDOWN_TIMEOUT: '5',
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: front?.apiRoot ?? emulator.apiRoot,
      ...opts.env,
    },
    { dataDirUsable: () => true },
  );
  if (config.db.client !== 'sqlite') throw new Error('the bot system runs on SQLite');
  const db = createDb({ client: 'sqlite', path: config.db.path });
  await migrateLatest(db);
  await importFootballDataFile(db, writeSyntheticOdds(dir, 'E0', '2425'));
  await retrainLeague(
    {
      db,
      registryDir: config.paths.modelRegistryPath,
      reportsDir: config.paths.reportsDir,
      keep: 5,
    },
    {
      league: 'E0',
      candidates: [DEFAULT_CANDIDATES[0]!],
      minHistoryDays: 100,
      evalDays: 60,
      warmupDays: 0,
      refitDays: 14,
    },
  );
  const fixtureIds = await scheduleFixtures(db);

  const logs: LogLine[] = [];
  const at = (level: string) => (msg: string, meta?: object) => {
    logs.push({ level, msg, ...(meta ? { meta } : {}) });
  };
  const logger = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
  const heartbeats = createSqlHeartbeatStore(db);
  const queue = createQueueBackend({ prefix: 'test', logger, role: 'both' });
  let worker: WorkerHandle | undefined = await startWorkerRole(config, {
    logger,
    heartbeats,
    instance: 'test:worker',
    db,
    queue,
    metrics: createMetricsRegistry({ role: 'all', appVersion: 'test', gitSha: 'test' }),
  });
  const tgbot = await startTgbot(config, {
    logger,
    heartbeats,
    instance: 'test:tgbot',
    db,
    queue,
    predictTimeoutMs: 4_000,
    retryBackoff: { initialMs: 100, maxMs: 400 },
    ...opts.tgbot,
  });

  return {
    config,
    db,
    queue,
    emulator,
    ...(front ? { front } : {}),
    tgbot,
    logs,
    fixtureIds,
    chat: (chatOpts) => emulator.chat(TEST_TOKEN, chatOpts),
    logger,
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    async dispose() {
      await tgbot.stop();
      await worker?.stop();
      await queue.close();
      await front?.stop();
      await emulator.stop();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Schedules three E0 fixtures: one today in Moscow time (the default chat zone) a few minutes
 * from now (or ago, just before local midnight), one in four hours, one in 26 hours.
 */
async function scheduleFixtures(db: Db): Promise<number[]> {
  const league = await findLeagueByCode(db, 'E0');
  if (!league) throw new Error('E0 missing after import');
  const team = async (name: string) => {
    const id = await resolveTeamAlias(db, name, 'E0');
    if (id === null) throw new Error(`no team ${name}`);
    return id;
  };
  const now = Date.now();
  const soon = now + 5 * 60_000;
  const today = localDate(new Date(now), 'Europe/Moscow');
  const plan: Array<[string, string, number]> = [
    [
      'Arsenal',
      'Chelsea',
      localDate(new Date(soon), 'Europe/Moscow') === today ? soon : now - 5 * 60_000,
    ],
    ['Liverpool', 'Everton', now + 4 * 3_600_000],
    ['Brentford', 'Fulham', now + 26 * 3_600_000],
  ];
  const ids: number[] = [];
  for (const [home, away, at] of plan) {
    const { id } = await upsertFixture(db, {
      leagueId: league.id,
      kickoffAt: new Date(at),
      homeTeamId: await team(home),
      awayTeamId: await team(away),
      status: 'scheduled',
      source: 'test',
    });
    ids.push(id);
  }
  return ids;
}
