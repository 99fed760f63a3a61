// One SQLite file shared by a running bot and the operator's CLI, as on a small host: `npm start`
// (ROLE=all, embedded default) serves predictions and beats its heartbeat while `scoreline
// import-csv`, `retrain` and `sync` run beside it as separate processes. Every process must wait
// its turn for the write lock instead of failing, and nothing may be lost. Runs the built code
// (`npx tsc -b` first), as operators do.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDb, type Db } from '@scoreline/db';
import {
  startFakeSportmonksServer,
  type FakeFixtureInput,
  type FakeSportmonksServer,
} from '@scoreline/feeds';
import { readCsv } from '@test-support/csv';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const START = join(ROOT, 'bin', 'start.js');
const CLI = join(ROOT, 'apps', 'cli', 'bin', 'scoreline.js');
const HISTORY = join(ROOT, 'data', 'history', 'E0');
const TOKEN = 'sm-test-token-concurrent-sqlite-0f9e8d7c6b5a';
const EPL = 8; // SportMonks id of E0 in the league map

/** History the bot starts with (enough for a champion), then what the import adds beside it. */
const SETUP_SEASONS = ['2021', '2122', '2223', '2324'];
const IMPORTED = ['1213', '1314', '1415', '1516', '1617', '1718', '1819', '1920'];
const REIMPORTED = IMPORTED.slice(0, 4);
const seasonFile = (s: string) => join(HISTORY, `season-${s}.csv`);
const BUSY = /busy|database is locked/i;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('SQLite shared by a running bot and the CLI', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'scoreline-concurrent-'));
  const dataDir = join(tmp, 'data');
  const children = new Set<ChildProcess>();
  let sportmonks: FakeSportmonksServer;
  let syncFixtures: FakeFixtureInput[];

  /** A clean environment: nothing from the developer's shell leaks into the children. */
  const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    // The test imports its own seasons; the first-start import would write the same leagues.
    BOOTSTRAP: '0',
    FOOTBALL_DATA_SYNC: '0',
    ...vars,
  });

  function run(script: string, args: string[], vars?: Record<string, string>): Promise<Run> {
    const child = spawn(process.execPath, [script, ...args], { env: env(vars) });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    return new Promise((done) =>
      child.on('close', (code) => {
        children.delete(child);
        done({ code, stdout, stderr });
      }),
    );
  }

  const cli = (args: string[], vars?: Record<string, string>) => run(CLI, args, vars);

  beforeAll(async () => {
    // Real E0 clubs (their names resolve through the aliases), in weekly rounds after the
    // bundled history ends, so the synced fixtures are new rows.
    const clubs = [
      ...new Set(
        readCsv(readFileSync(seasonFile('2324'), 'utf8'))
          .slice(1)
          .map((r) => r[1]!),
      ),
    ];
    syncFixtures = [];
    for (let week = 0; week < 10; week++) {
      const day = new Date(Date.UTC(2026, 7, 15 + week * 7)).toISOString().slice(0, 10);
      for (let i = 0; i < clubs.length / 2; i++) {
        const home = clubs[(i + week) % clubs.length]!;
        const away = clubs[(clubs.length - 1 - i + week) % clubs.length]!;
        syncFixtures.push({
          id: 900_000 + syncFixtures.length,
          leagueId: EPL,
          seasonId: 26_027,
          startingAtUtc: `${day} 15:00:00`,
          home: { id: 70_000 + clubs.indexOf(home), name: home },
          away: { id: 70_000 + clubs.indexOf(away), name: away },
          stateId: 5,
          homeGoals: (week + i) % 3,
          awayGoals: (week * i) % 2,
        });
      }
    }
    sportmonks = await startFakeSportmonksServer({
      token: TOKEN,
      fixtures: syncFixtures,
      leagues: [{ id: EPL, name: 'Premier League', currentSeasonId: 26_027 }],
      seasons: [{ id: 26_027, leagueId: EPL, name: '2026/2027', isCurrent: true }],
    });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await sportmonks?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('When import-csv, retrain and sync run while the bot serves predictions, then every process succeeds and nothing is lost', async () => {
    const setup = await cli(['import-csv', ...SETUP_SEASONS.map(seasonFile), '--league', 'E0']);
    const firstModel = await cli(['retrain', '--league', 'E0']);
    expect([setup.code, firstModel.code]).toEqual([0, 0]);

    const bot = startBot();
    const port = await bot.port;
    const predictions = predictLoop(port);
    await predictions.firstAnswer;
    const started = new Date();
    const before = await countRows(join(dataDir, 'bot.sqlite3'), started);

    const [imported, retrain, sync] = await Promise.all([
      cli(['import-csv', ...IMPORTED.map(seasonFile), '--league', 'E0']),
      cli(['retrain', '--league', 'E0', '--force']),
      cli(['sync', '--league', String(EPL), '--from', '2026-08-15', '--to', '2026-10-23'], {
        SPORTMONKS_API_TOKEN: TOKEN,
        SPORTMONKS_BASE_URL: sportmonks.baseUrl,
      }),
    ]);
    // Again, now that everything is in: an import beside the bot changes nothing.
    const again = await cli(['import-csv', ...REIMPORTED.map(seasonFile), '--league', 'E0']);
    // The bot beats every 10 s: keep serving until it has beaten since the CLI started.
    await untilBeatSince(join(dataDir, 'bot.sqlite3'), started);
    const served = await predictions.stop();
    bot.child.kill('SIGTERM');
    const botExit = await bot.exited;

    const runs = { imported, retrain, sync, again };
    const botLines = bot.output().split('\n');
    const botWarnings = botLines.filter(
      (line) => /level=(warn|error)/.test(line) && !line.includes('TELEGRAM_BOT_TOKEN'),
    );
    const busyErrors = [
      ...Object.values(runs).flatMap((r) => `${r.stdout}\n${r.stderr}`.split('\n')),
      ...botLines,
    ].filter((line) => BUSY.test(line)).length;
    const counts = await countRows(join(dataDir, 'bot.sqlite3'), started);
    process.stdout.write(
      `concurrent SQLite: ${IMPORTED.length} season files imported ` +
        `(+${REIMPORTED.length} re-imported), 1 retrain, 1 sync of ${syncFixtures.length} fixtures; ` +
        `${served.ok} predictions served (${served.failed.length} failed), ` +
        `${counts.predictions} stored, ${counts.beats} heartbeats, busy errors ${busyErrors}\n`,
    );

    for (const [name, r] of Object.entries(runs)) {
      expect({ name, code: r.code, stderr: r.stderr }).toEqual({ name, code: 0, stderr: '' });
    }
    expect(busyErrors).toBe(0);
    expect(botWarnings).toEqual([]);
    expect(botExit).toBe(0);
    for (const s of IMPORTED) {
      const report = `${seasonFile(s)}: inserted 380, updated 0, unchanged 0, rejected 0`;
      expect(imported.stdout).toContain(report);
    }
    for (const s of REIMPORTED) {
      expect(again.stdout).toContain(`${seasonFile(s)}: inserted 0, updated 0, unchanged 380`);
    }
    expect(counts.fixtures - before.fixtures).toBe(IMPORTED.length * 380 + syncFixtures.length);
    expect(sync.stdout).toContain(`fixtures inserted ${syncFixtures.length}, updated 0`);
    expect(counts.syncedFixtures).toBe(syncFixtures.length);
    expect(retrain.stdout).toMatch(
      /E0: version \S+ .*(promoted to champion|registered as challenger)/,
    );
    expect(counts.models).toBe(2);
    // Every prediction answered while the CLI wrote, and every one of them stored.
    expect(served.failed).toEqual([]);
    expect(served.ok).toBeGreaterThan(0);
    expect(counts.predictions).toBe(served.ok);
    expect(counts.beats).toBeGreaterThan(0);
    // Each of them sealed, in one unbroken chain, though other processes wrote meanwhile.
    const verified = await cli(['ledger', 'verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(
      new RegExp(`^ledger intact: ${served.ok} record\\(s\\) checked, head [0-9a-f]{64}`),
    );
  }, 600_000);

  function startBot() {
    // No token: the bot is off, the api and worker serve; PORT 0 picks a free port.
    const child = spawn(process.execPath, [START], {
      env: env({ ROLE: 'all', PORT: '0', LOG_LEVEL: 'info' }),
    });
    children.add(child);
    let out = '';
    const collect = (b: Buffer) => (out += b.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const exited = new Promise<number | null>((done) =>
      child.on('exit', (code) => {
        children.delete(child);
        done(code);
      }),
    );
    const port = (async () => {
      for (let i = 0; i < 1200; i++) {
        const m = /api listening on \S+ port=(\d+)/.exec(out);
        if (m) return Number(m[1]);
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the bot never listened:\n${out}`);
    })();
    return { child, exited, port, output: () => out };
  }
});

/** POST /v1/predict one after another until stopped: the bot's own traffic. */
function predictLoop(port: number) {
  let stopping = false;
  let ok = 0;
  const failed: string[] = [];
  let answered = (): void => undefined;
  const firstAnswer = new Promise<void>((r) => (answered = r));
  const loop = (async () => {
    while (!stopping) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ league: 'E0', home: 'Arsenal', away: 'Chelsea' }),
      });
      const body = await res.text();
      if (res.status === 200) ok += 1;
      else failed.push(`${res.status} ${body}`);
      answered();
    }
  })();
  return {
    firstAnswer,
    stop: async () => {
      stopping = true;
      await loop;
      return { ok, failed };
    },
  };
}

/** Waits (up to 30 s) until some heartbeat row was written at or after `since`. */
async function untilBeatSince(path: string, since: Date): Promise<void> {
  const db = createDb({ client: 'sqlite', path });
  try {
    for (let i = 0; i < 60; i++) {
      const fresh = await db
        .reader('heartbeats')
        .where('beat_at', '>=', since.toISOString())
        .first();
      if (fresh) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await db.destroy();
  }
}

/** What the file holds after the run, read through the repositories' own connection setup. */
async function countRows(path: string, since: Date) {
  const db: Db = createDb({ client: 'sqlite', path });
  try {
    const k = db.reader;
    const one = async (q: Promise<unknown>) => Number(((await q) as Array<{ n: number }>)[0]!.n);
    return {
      fixtures: await one(
        k('fixtures as f')
          .join('leagues as l', 'l.id', 'f.league_id')
          .where('l.code', 'E0')
          .count({ n: '*' }),
      ),
      syncedFixtures: await one(k('fixtures').whereNotNull('sportmonks_id').count({ n: '*' })),
      models: await one(k('models').where({ league_code: 'E0' }).count({ n: '*' })),
      predictions: await one(k('predictions').count({ n: '*' })),
      beats: await one(
        k('heartbeats').where('beat_at', '>=', since.toISOString()).count({ n: '*' }),
      ),
    };
  } finally {
    await db.destroy();
  }
}
