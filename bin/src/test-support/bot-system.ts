// The whole bot system in one process for end-to-end tests, as ROLE=all runs it on the embedded
// default (the roles started through bin/src/roles, as npm start does): SQLite on disk, the
// in-process queue, the real worker and the real bot, talking to a local Bot API emulator
// (optionally through a fault-injecting front). The data is the bundled 2024/25 Premier League
// with generated odds, a champion is trained on it, and a few fixtures are scheduled around now
// so that /today and /predict's fixture buttons have something to show.
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
import type { QueueBackend } from '@scoreline/queue';
import { localDate, type TgbotDeps, type TgbotHandle } from '@scoreline/tgbot';
import { DEFAULT_CANDIDATES, retrainLeague } from '@scoreline/training';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';
import { htmlTextsOfCall, telegramHtmlProblems } from '@test-support/telegram-html';
import { createRoleQueue, startRoles } from '../roles';
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
      BOOTSTRAP: '0',
      FOOTBALL_DATA_SYNC: '0',
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: front?.apiRoot ?? emulator.apiRoot,
      ...opts.env,
    },
    { dataDirUsable: () => true },
  );
  if (config.db.client !== 'sqlite') throw new Error('the bot system runs on SQLite');
  const db = createDb({ client: 'sqlite', path: config.db.path });
  await migrateLatest(db);
  const fixtureIds = await seedLeague(db, config.paths, dir);

  const logs: LogLine[] = [];
  const at = (level: string) => (msg: string, meta?: object) => {
    logs.push({ level, msg, ...(meta ? { meta } : {}) });
  };
  const logger = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
  // The worker and the bot as ROLE=all starts them (bin/src/roles), without the api.
  const roles = ['worker', 'tgbot'] as const;
  const queue = createRoleQueue(config, roles, logger);
  const stops = new Map<string, () => Promise<void> | void>();
  const { tgbot } = await startRoles(
    {
      config,
      logger,
      db,
      heartbeats: createSqlHeartbeatStore(db),
      metrics: createMetricsRegistry({ role: 'all', appVersion: 'test', gitSha: 'test' }),
      queue,
      ...(opts.tgbot?.redis ? { redis: opts.tgbot.redis } : {}),
      instance: 'test:all',
      roles,
      telegramWebhook: {},
      options: {
        tgbot: {
          predictTimeoutMs: 4_000,
          retryBackoff: { initialMs: 100, maxMs: 400 },
          ...withoutRedis(opts.tgbot),
        },
      },
    },
    { add: (name, stop) => stops.set(name, stop) },
  );
  if (!tgbot) throw new Error('the bot system started without its bot');
  const stopRole = async (name: string) => {
    const stop = stops.get(name);
    stops.delete(name);
    await stop?.();
  };

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
    stopWorker: () => stopRole('worker'),
    async dispose() {
      await stopRole('tgbot');
      await stopRole('worker');
      await queue.close();
      await front?.stop();
      // Every suite on this system checks, at its end, that all it made the bot send in HTML
      // mode is what Telegram parses (a refused text is a message the user never gets).
      const invalid = invalidHtmlSent(emulator, front);
      await emulator.stop();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
      if (invalid.length > 0) {
        throw new Error(`the bot sent HTML Telegram would refuse:\n${invalid.join('\n')}`);
      }
    },
  };
}

/** Problems of every HTML text the bot sent (through the front when there is one). */
function invalidHtmlSent(emulator: Emulator, front: FaultFront | undefined): string[] {
  const calls = front ? front.calls() : emulator.calls();
  return calls.flatMap((call) =>
    htmlTextsOfCall(call).flatMap((text) => {
      const problems = telegramHtmlProblems(text);
      return problems.length > 0 ? [`${call.method}: ${problems.join('; ')} in ${text}`] : [];
    }),
  );
}

function withoutRedis<T extends { redis?: unknown }>(o: T | undefined): Omit<T, 'redis'> {
  if (!o) return {} as Omit<T, 'redis'>;
  const { redis: _redis, ...rest } = o;
  return rest;
}

/**
 * The data every bot test starts from: the bundled E0 2024/25 season with generated odds (the
 * CSV is written under `scratchDir`), a champion trained on it (one candidate, short windows:
 * about a second) and three fixtures around now. Returns the fixture ids.
 */
export async function seedLeague(
  db: Db,
  paths: { modelRegistryPath: string; reportsDir: string },
  scratchDir: string,
): Promise<number[]> {
  await importFootballDataFile(db, writeSyntheticOdds(scratchDir, 'E0', '2425'));
  await retrainLeague(
    { db, registryDir: paths.modelRegistryPath, reportsDir: paths.reportsDir, keep: 5 },
    {
      league: 'E0',
      candidates: [DEFAULT_CANDIDATES[0]!],
      minHistoryDays: 100,
      evalDays: 60,
      warmupDays: 0,
      refitDays: 14,
    },
  );
  return scheduleFixtures(db);
}

/**
 * Schedules three E0 fixtures: one today in Moscow time (the default chat zone) and still to
 * come (five minutes from now, or halfway to local midnight when that is nearer; five minutes
 * ago only in the last minute of the day), one in four hours, one in 26 hours.
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
  const untilMidnight = msUntilLocalMidnight(now, 'Europe/Moscow');
  const soon =
    untilMidnight > 60_000 ? now + Math.min(5 * 60_000, untilMidnight / 2) : now - 5 * 60_000;
  const plan: Array<[string, string, number]> = [
    ['Arsenal', 'Chelsea', soon],
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

/** Milliseconds from `now` to the next change of the local date in `zone` (bisected). */
function msUntilLocalMidnight(now: number, zone: string): number {
  const today = localDate(new Date(now), zone);
  let lo = 0;
  let hi = 26 * 3_600_000;
  while (hi - lo > 1_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(new Date(now + mid), zone) === today) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Sets the league champion's predictability flag (what retrain stores in `metrics.predictable`):
 * /value and the value alerts only speak in a predictable league, and the seeded champion's own
 * check depends on generated odds.
 */
export async function flagPredictable(db: Db, league: string, predictable: boolean): Promise<void> {
  const row = (await db
    .writer('models')
    .where({ league_code: league, status: 'champion' })
    .first()) as { id: number; metrics: string } | undefined;
  if (!row) throw new Error(`no ${league} champion`);
  const metrics = JSON.parse(row.metrics) as Record<string, unknown>;
  metrics.predictable = {
    predictable,
    seasons: ['2023/24', '2024/25'],
    n: 380,
    modelRps: predictable ? 0.201 : 0.2135,
    marketRps: 0.2,
    reason: 'set by the test',
  };
  await db
    .writer('models')
    .where({ id: row.id })
    .update({ metrics: JSON.stringify(metrics) });
}

/** Accepts the terms through the bot as a user would (/terms, then "I accept"). */
export async function acceptTerms(chat: TestChat): Promise<void> {
  await chat.send('/terms');
  await chat.nextReplies(1);
  const pressed = await chat.press('ta:terms');
  await pressed.answer();
  await chat.nextReplies(1);
}
