// Shared set-up for the worker's tests: configuration over a temp directory, a seeded league
// (the bundled 2024/25 Premier League with generated odds, through the real importer), a
// champion model, and a processor serving from it over the in-process queue.
import { loadConfig, type Config } from '@scoreline/config';
import { migrateLatest, type Db } from '@scoreline/db';
import { importFootballDataFile } from '@scoreline/feeds';
import {
  createInProcessBackend,
  type JobName,
  type Processor,
  type QueueBackend,
} from '@scoreline/queue';
import {
  createChampionCache,
  DEFAULT_CANDIDATES,
  retrainLeague,
  type ChampionCache,
  type RetrainOptions,
} from '@scoreline/training';
import { createSqliteTestDb } from '@test-support/databases';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Small windows and one candidate: a retrain on one season in a few seconds. */
export const FAST_RETRAIN: Omit<RetrainOptions, 'league'> = {
  candidates: [DEFAULT_CANDIDATES[0]!],
  minHistoryDays: 100,
  evalDays: 60,
  warmupDays: 0,
  refitDays: 14,
};

export interface TempConfig {
  config: Config;
  dir: string;
  dispose(): void;
}

/** A Config whose every path is under a fresh temp dir; `env` adds or overrides variables. */
export function tempConfig(env: Record<string, string> = {}): TempConfig {
  const dir = mkdtempSync(join(tmpdir(), 'scoreline-worker-'));
  const config = loadConfig(
    {
      DATA_DIR: dir,
      ROLE: 'worker',
      SHUTDOWN_TIMEOUT: '5',
      BOOTSTRAP: '0',
      FOOTBALL_DATA_SYNC: '0',
      ...env,
    },
    { dataDirUsable: () => true },
  );
  return { config, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Migrates `db` and imports the 2024/25 Premier League season (football-data file with odds). */
export async function seedEpl(db: Db): Promise<void> {
  await migrateLatest(db);
  const dir = mkdtempSync(join(tmpdir(), 'scoreline-epl-'));
  try {
    await importFootballDataFile(db, writeSyntheticOdds(dir, 'E0', '2425'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Trains and promotes a first E0 champion; returns its version. */
export async function trainChampion(db: Db, config: Config): Promise<string> {
  const result = await retrainLeague(
    {
      db,
      registryDir: config.paths.modelRegistryPath,
      reportsDir: config.paths.reportsDir,
      keep: 5,
    },
    { league: 'E0', ...FAST_RETRAIN },
  );
  if (result.status !== 'promoted') throw new Error(`expected a promotion, got ${result.status}`);
  return result.version;
}

/** A logger that records lines, so tests stay quiet. */
export function quietLogger() {
  const lines: Array<{ level: string; msg: string; meta?: object }> = [];
  const at = (level: string) => (msg: string, meta?: object) => {
    lines.push({ level, msg, ...(meta ? { meta } : {}) });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

/** Polls until `accept` holds (bounded); tests never sleep a guessed amount. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  accept: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
    last = await probe();
  }
  return last;
}

/** One job type's processor over the in-process queue, with the E0 champion it serves from. */
export interface ChampionWorker {
  db: Db;
  tmp: TempConfig;
  queue: QueueBackend;
  champions: ChampionCache;
  /** The champion's version. */
  version: string;
  dispose(): Promise<void>;
}

/**
 * A SQLite database with the 2024/25 Premier League and its champion, and `name`'s processor
 * (made by `make` from the database and the champion cache) consuming the in-process queue.
 */
export async function startChampionWorker<N extends JobName>(
  name: N,
  make: (deps: { db: Db; champions: ChampionCache }) => Processor<N>,
  opts: { championClock?: () => number } = {},
): Promise<ChampionWorker> {
  const handle = await createSqliteTestDb();
  const { db } = handle;
  const tmp = tempConfig();
  await seedEpl(db);
  const version = await trainChampion(db, tmp.config);
  const champions = createChampionCache(
    db,
    tmp.config.paths.modelRegistryPath,
    () => undefined,
    opts.championClock ? { now: opts.championClock } : {},
  );
  const queue = createInProcessBackend({ logger: quietLogger() });
  const workers = await queue.startWorkers(
    { [name]: make({ db, champions }) },
    {
      only: [name],
    },
  );
  return {
    db,
    tmp,
    queue,
    champions,
    version,
    async dispose() {
      await workers.close(1_000);
      await queue.close();
      await handle.dispose();
      tmp.dispose();
    },
  };
}
