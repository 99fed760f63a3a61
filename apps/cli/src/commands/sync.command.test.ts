import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@scoreline/config';
import { startFakeSportmonksServer, type FakeSportmonksServer } from '@scoreline/feeds';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { createSyncCommand, defaultSyncRange } from './sync.command';

const TOKEN = 'cli-sync-token-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const tmp = mkdtempSync(join(tmpdir(), 'scoreline-cli-sync-'));
let fake: FakeSportmonksServer;

beforeAll(async () => {
  const side = (id: number, name: string) => ({ id, name });
  fake = await startFakeSportmonksServer({
    token: TOKEN,
    fixtures: [
      {
        id: 1,
        leagueId: 501,
        seasonId: 10,
        startingAtUtc: '2025-03-01 15:00:00',
        home: side(53, 'Celtic'),
        away: side(62, 'Rangers'),
        stateId: 5,
        homeGoals: 3,
        awayGoals: 0,
      },
      {
        id: 2,
        leagueId: 501,
        seasonId: 10,
        startingAtUtc: '2025-03-12 19:45:00',
        home: side(273, 'Aberdeen'),
        away: side(7777, 'Nowhere Town'),
        stateId: 1,
      },
    ],
    odds: [
      { fixtureId: 2, bookmakerId: 2, marketId: 1, label: 'Home', value: '1.70' },
      { fixtureId: 2, bookmakerId: 2, marketId: 1, label: 'Draw', value: '3.80' },
      { fixtureId: 2, bookmakerId: 2, marketId: 1, label: 'Away', value: '5.00' },
    ],
    leagues: [{ id: 501, name: 'Premiership' }],
  });
});
afterAll(async () => {
  await fake.close();
  rmSync(tmp, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  return {
    output: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      progress: (l: string) => progress.push(l),
    },
    out,
    err,
    progress,
  };
}

const envFor = (dir: string, withToken = true) => ({
  DATA_DIR: join(tmp, dir),
  SPORTMONKS_BASE_URL: fake.baseUrl,
  SPORTMONKS_LEAGUE_IDS: '501',
  RETRY_DELAY: '0',
  ...(withToken ? { SPORTMONKS_API_TOKEN: TOKEN } : {}),
});

describe('scoreline sync', () => {
  it('When run against SportMonks, then it stores the range and prints counts per league; a rerun is unchanged', async () => {
    const env = envFor('sync');
    const args = ['sync', '--league', '501', '--from', '2025-03-01', '--to', '2025-03-14'];
    const first = capture();
    const second = capture();

    const firstCode = await main(args, first.output, env);
    const secondCode = await main(args, second.output, env);

    expect([firstCode, secondCode]).toEqual([0, 0]);
    expect(first.out).toEqual([
      'sync 2025-03-01..2025-03-14:',
      '  league 501 SC0 Scottish Premiership: fixtures inserted 2, updated 0, unchanged 0; odds inserted 1, updated 0, unchanged 0; new teams 1',
      '    new teams (no alias matched): SC0: Nowhere Town',
    ]);
    expect(second.out[1]).toContain(
      'fixtures inserted 0, updated 0, unchanged 2; odds inserted 0, updated 0, unchanged 1; new teams 0',
    );
    expect(first.progress).toContain('league 501: window 2/2 (2025-03-08..2025-03-14)');
    expect(first.progress.at(-1)).toBe('');
    const db = new Database(join(tmp, 'sync', 'bot.sqlite3'), { readonly: true });
    const rows = db
      .prepare('SELECT sportmonks_id, status, home_goals FROM fixtures ORDER BY sportmonks_id')
      .all();
    db.close();
    expect(rows).toEqual([
      { sportmonks_id: 1, status: 'finished', home_goals: 3 },
      { sportmonks_id: 2, status: 'scheduled', home_goals: null },
    ]);
    expect([...first.out, ...first.err].join('\n')).not.toContain(TOKEN);
  });

  it('When no token is set, then it exits 1 with one line naming the variable', async () => {
    const io = capture();

    const code = await main(['sync'], io.output, envFor('no-token', false));

    expect(code).toBe(1);
    expect(io.err.filter((l) => l.includes('SPORTMONKS_API_TOKEN'))).toEqual([
      'SPORTMONKS_API_TOKEN is not set',
    ]);
    expect(io.out).toEqual([]);
  });

  it('When a date is impossible or an option malformed, then it exits 2 with one clear line', async () => {
    const badDate = capture();
    const unknown = capture();
    const reversed = capture();

    const codes = [
      await main(['sync', '--from', '2025-02-30'], badDate.output, envFor('bad')),
      await main(['sync', '--since', 'yesterday'], unknown.output, envFor('bad')),
      await main(
        ['sync', '--from', '2025-03-10', '--to', '2025-03-01'],
        reversed.output,
        envFor('bad'),
      ),
    ];

    expect(codes).toEqual([2, 2, 2]);
    expect(badDate.err).toEqual(['--from: 2025-02-30 is not a date of the calendar']);
    expect(reversed.err[0]).toBe('--to 2025-03-01 is before --from 2025-03-10');
    expect(unknown.err.join('\n')).toContain('usage: scoreline sync');
  });

  it('When no range is given, then it syncs 7 days back to 14 days ahead of UTC today', async () => {
    const io = capture();
    const env = envFor('default-range');
    const command = createSyncCommand({ now: () => new Date('2025-03-10T23:30:00Z') });
    const since = fake.requests.length;

    const code = await command(['--league', 'SC0'], { config: loadConfig(env), output: io.output });

    expect(code).toBe(0);
    expect(io.out[0]).toBe('sync 2025-03-03..2025-03-24:');
    const between = fake.requests.slice(since).filter((r) => r.path.startsWith('/fixtures/'));
    expect(between[0]!.path).toBe('/fixtures/between/2025-03-03/2025-03-09');
    expect(between.at(-1)!.path).toBe('/fixtures/between/2025-03-24/2025-03-24');
    expect(between.every((r) => r.query.filters === 'fixtureLeagues:501')).toBe(true);
  });

  it('should compute the default range from the UTC date', () => {
    expect(defaultSyncRange(new Date('2024-12-31T23:59:59Z'))).toEqual({
      from: '2024-12-24',
      to: '2025-01-14',
    });
  });
});
