// A bot for the football-context commands (/form, /h2h, /season, /fixtures, /table), polling a
// local Bot API emulator: SQLite with the bundled Premier League 2023/24 and the first half of
// 2024/25 (results before 15 January 2025), the rest of 2024/25's first matchday after that as
// scheduled fixtures, a champion fitted on those results in a registry on disk, and the bot's
// clock at 15 January 2025 noon.
import { startEmulator, type Emulator, type TestChat } from '@scoreline/bot-api-emulator';
import {
  findLeagueByCode,
  migrateLatest,
  registerModel,
  resolveTeamAlias,
  upsertFixture,
  type Db,
} from '@scoreline/db';
import { createInProcessBackend, type QueueBackend } from '@scoreline/queue';
import { createLocalPredictor, createQueuePredictor, saveArtifact } from '@scoreline/training';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { htmlTextsOfCall, telegramHtmlProblems } from '@test-support/telegram-html';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  epl,
  makeArtifact,
  seedLeague,
} from '../../../../packages/training/src/test-support/seed-league';
import { createBot, type ScorelineBot } from '../bot';
import { startPolling, type PollingHandle } from '../run/polling';

export const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
export const NOW = new Date('2025-01-15T12:00:00Z');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface ContextBot {
  db: Db;
  emulator: Emulator;
  scoreline: ScorelineBot;
  chat(languageCode?: string): TestChat;
  /** Scheduled fixtures the set-up stored after NOW, by kick-off. */
  /** What the bot logged as errors (a failed detached task lands here). */
  errors: string[];
  upcoming: Array<{ id: number; home: string; away: string; kickoffAt: Date }>;
  dispose(): Promise<void>;
}

/** The season's CSV rows split at NOW: played before, the first next matchday after. */
function splitSeason(text: string): { played: string; next: string[][] } {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const cols = header!.split(',');
  const at = (row: string, name: string) => row.split(',')[cols.indexOf(name)]!;
  const iso = (d: string) =>
    /^\d{2}\/\d{2}\/\d{4}$/.test(d) ? `${d.slice(6)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : d;
  const day = NOW.toISOString().slice(0, 10);
  const before = rows.filter((r) => iso(at(r, 'Date')) < day);
  const after = rows.filter((r) => iso(at(r, 'Date')) >= day).slice(0, 5);
  return {
    played: [header, ...before].join('\n'),
    next: after.map((r) => [iso(at(r, 'Date')), at(r, 'HomeTeam'), at(r, 'AwayTeam')]),
  };
}

/** How long the bot waits for a worker where `workerGone` asks for one. */
export const WORKER_TIMEOUT_MS = 300;

export async function startContextBot(
  opts: {
    champion?: boolean;
    now?: Date;
    /** The bot hands its work to the queue, where no worker consumes it. */
    workerGone?: boolean;
  } = {},
): Promise<ContextBot> {
  const now = opts.now ?? NOW;
  const dir = mkdtempSync(join(tmpdir(), 'scoreline-context-bot-'));
  const database: TestDatabase = await createSqliteTestDb();
  const { db } = database;
  await migrateLatest(db);
  const season = splitSeason(epl('2425'));
  const seasons = [epl('2324'), season.played];
  await seedLeague(db, 'E0', seasons);
  const league = (await findLeagueByCode(db, 'E0'))!;
  const upcoming = [];
  for (const [date, home, away] of season.next as [string, string, string][]) {
    const kickoffAt = new Date(`${date}T19:30:00Z`);
    const fixture = await upsertFixture(db, {
      leagueId: league.id,
      kickoffAt,
      homeTeamId: (await resolveTeamAlias(db, home, 'E0'))!,
      awayTeamId: (await resolveTeamAlias(db, away, 'E0'))!,
      status: 'scheduled',
      source: 'test',
    });
    upcoming.push({ id: fixture.id, home, away, kickoffAt });
  }
  const registryDir = join(dir, 'artifacts');
  if (opts.champion !== false) {
    const artifact = makeArtifact('E0', '20250115-000000', seasons);
    const saved = await saveArtifact(registryDir, artifact);
    await registerModel(db, {
      leagueCode: 'E0',
      kind: 'production',
      version: artifact.version,
      trainedAt: NOW,
      dataFrom: artifact.dataWindow!.from,
      dataTo: artifact.dataWindow!.to,
      metrics: {},
      artifactPath: saved.path,
      sha256: saved.sha256,
      status: 'champion',
    });
  }
  const errors: string[] = [];
  const logger = {
    ...quiet,
    error: (msg: string, meta?: object) => errors.push(`${msg} ${JSON.stringify(meta ?? {})}`),
  };
  const emulator = await startEmulator();
  const queue: QueueBackend = createInProcessBackend({ logger: quiet });
  const scoreline = createBot({
    token: TOKEN,
    apiRoot: emulator.apiRoot,
    defaultLocale: 'en',
    logger,
    db,
    queue,
    registryDir,
    ...(opts.workerGone
      ? { predictor: createQueuePredictor(queue), predictTimeoutMs: WORKER_TIMEOUT_MS }
      : { predictor: createLocalPredictor({ db, registryDir }) }),
    now: () => now,
  });
  const polling: PollingHandle = startPolling({
    bot: scoreline.bot,
    logger: quiet,
    startupDelayMs: 0,
    backoff: { initialMs: 100, maxMs: 400 },
  });
  return {
    db,
    emulator,
    scoreline,
    upcoming,
    errors,
    chat: (languageCode = 'en') => emulator.chat(TOKEN, { languageCode }),
    async dispose() {
      await polling.stop();
      await scoreline.services.tasks.drain(5_000);
      await queue.close();
      const invalid = emulator
        .calls()
        .flatMap((call) =>
          htmlTextsOfCall(call).flatMap((text) =>
            telegramHtmlProblems(text).map((p) => `${p} in ${text}`),
          ),
        );
      await emulator.stop();
      await database.dispose();
      rmSync(dir, { recursive: true, force: true });
      if (invalid.length > 0) throw new Error(`invalid Telegram HTML sent:\n${invalid.join('\n')}`);
    },
  };
}
