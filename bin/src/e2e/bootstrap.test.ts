// The first start of `npm start` on the embedded default (issue 14): an empty data directory
// bootstraps itself from the bundled history (data/history), /readyz says `bootstrapping` until
// it is done, a start killed with SIGKILL halfway is completed by the next one without a
// duplicate match, and a later start imports nothing. One data directory is shared by the steps
// (each builds on the previous), so the full bootstrap runs once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countFixtures, createDb, findLeagueByCode, listFixtures } from '@scoreline/db';
import { footballDataSeasonCode, startFakeFootballDataServer } from '@scoreline/feeds';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@test-support/net';

const START = resolve(__dirname, '..', '..', 'start.js');
const MATCHES = { E0: 12_704, SP1: 12_704, D1: 10_098 };
// Generous: the whole bootstrap takes well under a minute on an idle 2-core machine, several on
// a loaded one.
const BOOTSTRAP_LIMIT_MS = 8 * 60_000;

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

interface Readiness {
  status: string;
  checks: Record<string, string>;
}

describe('npm start on an empty data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scoreline-first-start-'));
  let port: number;
  let running: Started | undefined;

  /** Without `liveSite`, the live source is off: these steps count the bundled matches. */
  const start = (liveSite?: string): Started => {
    const child = spawn(process.execPath, [START], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ROLE: 'all',
        DATA_DIR: dataDir,
        PORT: String(port),
        ...(liveSite ? { FOOTBALL_DATA_BASE_URL: liveSite } : { FOOTBALL_DATA_SYNC: '0' }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    running = { child, output: () => out, exited };
    return running;
  };
  const readyz = async (): Promise<Readiness | undefined> => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      return (await res.json()) as Readiness;
    } catch {
      return undefined; // not listening yet
    }
  };
  const bootstrapped = () =>
    until(async () => {
      const r = await readyz();
      return r?.checks.bootstrap === 'ok' ? r : undefined;
    }, BOOTSTRAP_LIMIT_MS);
  const predict = async (league: string, home: string, away: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ league, home, away }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { probs?: { home: number; draw: number; away: number } },
    };
  };
  const stop = async (s: Started) => {
    s.child.kill('SIGTERM');
    const code = await s.exited;
    running = undefined;
    return code;
  };

  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(async () => {
    if (running) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  let first: Started;

  it('When it starts, then the api answers at once and /readyz says degraded: bootstrapping', async () => {
    first = start();

    const report = await until(readyz, 60_000);

    expect(report.status).toBe('degraded');
    expect(report.checks.bootstrap).toBe('bootstrapping');
    expect(report.checks.db).toBe('ok');
  }, 90_000);

  it(
    'When the first start is killed with SIGKILL halfway, then the next start resumes it and every league answers with probabilities',
    async () => {
      // Halfway: the first league is in, the next one is being imported.
      await until(
        () => /bootstrap: E0: 33 seasons .* matches imported/.test(first.output()) || undefined,
        BOOTSTRAP_LIMIT_MS,
      );
      first.child.kill('SIGKILL');
      await first.exited;
      running = undefined;
      expect(first.output()).not.toMatch(/bootstrap: done/);

      const second = start();
      const report = await bootstrapped();

      expect(report.status).toBe('ok');
      expect(second.output()).toMatch(
        /bootstrap: importing the bundled history: 3 leagues .*resuming, (3[3-9]|[4-9]\d) seasons already imported/,
      );
      expect(second.output()).toMatch(/bootstrap: done in [\d.]+ s/);
      for (const [league, home, away] of [
        ['E0', 'Arsenal', 'Chelsea'],
        ['SP1', 'Barcelona', 'Real Madrid'],
        ['D1', 'Bayern Munich', 'Dortmund'],
      ] as const) {
        const { status, body } = await predict(league, home, away);

        expect({ league, status }).toEqual({ league, status: 200 });
        const p = body.probs!;
        expect(p.home + p.draw + p.away).toBeCloseTo(1, 6);
        expect(Math.min(p.home, p.draw, p.away)).toBeGreaterThan(0);
      }
      expect(await stop(second)).toBe(0);

      const db = createDb({ client: 'sqlite', path: join(dataDir, 'bot.sqlite3') });
      try {
        const counts: Record<string, number> = {};
        for (const code of Object.keys(MATCHES)) {
          const league = await findLeagueByCode(db, code);
          counts[code] = league ? await countFixtures(db, { leagueId: league.id }) : 0;
        }
        expect(counts).toEqual(MATCHES);
        expect(await countFixtures(db)).toBe(35_506);
      } finally {
        await db.destroy();
      }
    },
    BOOTSTRAP_LIMIT_MS + 120_000,
  );

  it('When it starts again, then it imports nothing and is ready at once', async () => {
    const third = start();
    const report = await bootstrapped();

    expect(report.checks.bootstrap).toBe('ok');
    expect(third.output()).toMatch(
      /bootstrap: already done \(.*35,506 matches.*\); nothing to import/,
    );
    expect(third.output()).not.toMatch(/importing the bundled history/);
    expect((await predict('E0', 'Arsenal', 'Chelsea')).status).toBe(200);
    expect(await stop(third)).toBe(0);
  }, 120_000);

  it("When it starts with the live source on, then it catches up with football-data.co.uk's current season and upcoming fixtures", async () => {
    const site = await startFakeFootballDataServer();
    const season = footballDataSeasonCode(new Date());
    site.setFile(
      `/mmz4281/${season}/E0.csv`,
      'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR\nE0,01/09/2099,15:00,Arsenal,Chelsea,3,0,H\n',
    );
    site.setFile(
      '/fixtures.csv',
      'Div,Date,Time,HomeTeam,AwayTeam,B365H,B365D,B365A\nE0,08/09/2099,17:30,Chelsea,Arsenal,2.9,3.4,2.5\n',
    );
    const db = createDb({ client: 'sqlite', path: join(dataDir, 'bot.sqlite3') });
    try {
      const fourth = start(site.baseUrl);
      const league = (await findLeagueByCode(db, 'E0'))!;
      const live = await until(async () => {
        const rows = await listFixtures(db, {
          leagueId: league.id,
          from: '2099-01-01',
          to: '2099-12-31',
        });
        return rows.length === 2 ? rows : undefined;
      }, 60_000);

      expect(live.map((f) => [f.kickoffDate, f.status, f.homeGoals])).toEqual([
        ['2099-09-01', 'finished', 3],
        ['2099-09-08', 'scheduled', null],
      ]);
      expect(site.requests).toEqual(
        expect.arrayContaining([`/mmz4281/${season}/E0.csv`, '/fixtures.csv']),
      );
      expect(fourth.output()).toMatch(/live source catch-up queued/);
      expect(await stop(fourth)).toBe(0);
    } finally {
      await db.destroy();
      await site.close();
    }
  }, 120_000);
});
