import { afterEach, describe, expect, it } from '@jest/globals';

import { createSportmonksClient, type SportmonksClientOptions } from './client';
import {
  SportmonksAccessError,
  SportmonksAuthError,
  SportmonksRateLimitError,
  SportmonksTransientError,
} from './errors';
import {
  startFakeSportmonksServer,
  type FakeFixtureInput,
  type FakeOddInput,
  type FakeSportmonksOptions,
  type FakeSportmonksServer,
} from './fake-server';

const TOKEN = 'tok-S3CRET-4f9a';
const DAY = 86_400_000;

/** ~640 fixtures over 320 days in three leagues, with every state the mapper distinguishes. */
function dataset(): FakeFixtureInput[] {
  const out: FakeFixtureInput[] = [];
  const start = Date.parse('2024-07-15T00:00:00Z');
  let id = 1000;
  for (let d = 0; d < 320; d += 3) {
    for (const leagueId of [271, 501, 8]) {
      for (let k = 0; k < 2; k++) {
        id++;
        const day = new Date(start + d * DAY).toISOString().slice(0, 10);
        // Late kick-offs sit on the boundary days of the 100-day chunks too.
        const time = k === 0 ? '15:00:00' : '23:30:00';
        const finished = day < '2025-03-01';
        const stateId = id % 97 === 0 ? 10 : id % 89 === 0 ? 12 : finished ? 5 : 1;
        out.push({
          id,
          leagueId,
          seasonId: leagueId * 100,
          startingAtUtc: `${day} ${time}`,
          home: { id: id * 2, name: `Home ${id}` },
          away: { id: id * 2 + 1, name: `Away ${id}` },
          stateId,
          ...(stateId === 5
            ? { homeGoals: id % 4, awayGoals: id % 3, ht: { home: id % 2, away: 0 } }
            : {}),
        });
      }
    }
  }
  return out;
}

const FIXTURES = dataset();

let server: FakeSportmonksServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(
  serverOpts: Partial<FakeSportmonksOptions> = {},
  clientOpts: Partial<SportmonksClientOptions> = {},
) {
  server = await startFakeSportmonksServer({ token: TOKEN, fixtures: FIXTURES, ...serverOpts });
  const sleeps: number[] = [];
  const logs: Array<{ level: string; message: string; meta?: object }> = [];
  const client = createSportmonksClient({
    baseUrl: server.baseUrl,
    token: TOKEN,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    now: () => 1_700_000_000_000,
    logger: {
      info: (message, meta) => logs.push({ level: 'info', message, ...(meta ? { meta } : {}) }),
      warn: (message, meta) => logs.push({ level: 'warn', message, ...(meta ? { meta } : {}) }),
    },
    ...clientOpts,
  });
  return { server, client, sleeps, logs };
}

const inRange = (f: FakeFixtureInput, from: string, to: string, leagues: number[]) => {
  const day = f.startingAtUtc.slice(0, 10);
  return day >= from && day <= to && leagues.includes(f.leagueId);
};

describe('SportMonks client against the fake server', () => {
  it('fetches exactly the served fixtures across pages and a >100-day range', async () => {
    const { server, client } = await setup();
    const from = '2024-07-01';
    const to = '2025-05-31';
    const fixtures = await client.fixturesBetween(from, to, { leagueIds: [271, 501] });

    const expected = FIXTURES.filter((f) => inRange(f, from, to, [271, 501])).map((f) => f.id);
    const got = fixtures.map((f) => f.id);
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort()).toEqual([...expected].sort());
    expect(expected.length).toBeGreaterThan(400);

    const between = server.requests.filter((r) => r.path.startsWith('/fixtures/between/'));
    const ranges = new Set(between.map((r) => r.path));
    expect(ranges.size).toBe(4); // 335 days in chunks of at most 100
    expect(Math.max(...between.map((r) => Number(r.query.page)))).toBeGreaterThan(1);
    for (const r of between) {
      expect(r.status).toBe(200);
      expect(r.query.include).toBe('participants;scores;state;league');
      expect(r.query.filters).toBe('fixtureLeagues:271,501');
      expect(r.query.per_page).toBe('50');
      // Token travels in the raw Authorization header, never in the URL.
      expect(r.authorization).toBe(TOKEN);
      expect(r.query.api_token).toBeUndefined();
    }
  });

  it('maps home/away by location, the 90-minute score, half-time and state', async () => {
    const { client } = await setup();
    const fixtures = await client.fixturesBetween('2024-07-15', '2024-07-15', { leagueIds: [8] });
    const source = FIXTURES.filter((f) => inRange(f, '2024-07-15', '2024-07-15', [8]));
    expect(fixtures).toHaveLength(2);
    const late = fixtures.find((f) => f.id === source[1]!.id)!;
    expect(late).toEqual({
      id: source[1]!.id,
      leagueId: 8,
      seasonId: 800,
      startingAtUtc: '2024-07-15T23:30:00.000Z',
      home: source[1]!.home,
      away: source[1]!.away,
      state: 'finished',
      stateId: 5,
      homeGoals: source[1]!.homeGoals,
      awayGoals: source[1]!.awayGoals,
      ht: source[1]!.ht,
    });
    const later = await client.fixturesBetween('2025-04-01', '2025-05-31');
    const scheduled = later.filter((f) => f.state === 'scheduled');
    expect(scheduled.length).toBeGreaterThan(0);
    expect(scheduled.every((f) => f.homeGoals === null && f.awayGoals === null && !f.ht)).toBe(
      true,
    );
    const states = new Set(
      (await client.fixturesBetween('2024-07-01', '2025-05-31')).map((f) => f.state),
    );
    expect(states).toEqual(new Set(['finished', 'scheduled', 'postponed', 'cancelled']));
  });

  it('returns an empty list for a range without fixtures (200 without data)', async () => {
    const { client } = await setup();
    expect(await client.fixturesBetween('2030-01-01', '2030-01-05')).toEqual([]);
  });

  it('gets a 400 from the fake for ranges over 100 days (so the split is what makes it work)', async () => {
    const { client, server } = await setup({}, { maxRangeDays: 101 });
    const err = await client.fixturesBetween('2025-01-01', '2025-04-11').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/HTTP 400.*100 days/);
    expect(server.requests).toHaveLength(1);
  });

  it('waits the reset announced by a 429 body and then completes', async () => {
    const { server, client, sleeps } = await setup();
    server.inject(
      { kind: 'rate-limit', resetsInSeconds: 1234, withRateLimitBlock: true },
      { path: /between/ },
    );
    const fixtures = await client.fixturesBetween('2024-08-01', '2024-08-31', { leagueIds: [271] });
    expect(sleeps).toEqual([1_234_000]);
    expect(fixtures.map((f) => f.id).sort()).toEqual(
      FIXTURES.filter((f) => inRange(f, '2024-08-01', '2024-08-31', [271]))
        .map((f) => f.id)
        .sort(),
    );
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('honours Retry-After, else the last rate_limit window seen for the entity', async () => {
    const { server, client, sleeps } = await setup({ resetsInSeconds: 1800 });
    server.inject({ kind: 'rate-limit', resetsInSeconds: 77, retryAfterHeader: true });
    await client.fixturesBetween('2024-08-01', '2024-08-02');
    expect(sleeps).toEqual([77_000]);
    // Now the client has seen `resets_in_seconds: 1800` for Fixture; a bare 429 falls back to it.
    server.inject({ kind: 'rate-limit', resetsInSeconds: 5 });
    await client.fixturesBetween('2024-08-01', '2024-08-02');
    expect(sleeps).toEqual([77_000, 1_800_000]);
  });

  it('throws a SportmonksRateLimitError with numeric retryAfterMs when retries run out', async () => {
    const attempts: string[] = [];
    const { server, client } = await setup(
      {},
      {
        // A retry helper that tries once: the error itself must carry the wait.
        retry: (name, fn) => {
          attempts.push(name);
          return fn();
        },
      },
    );
    server.inject({ kind: 'rate-limit', resetsInSeconds: 42, withRateLimitBlock: true });
    const err = await client.fixturesBetween('2024-08-01', '2024-08-02').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SportmonksRateLimitError);
    expect((err as SportmonksRateLimitError).retryAfterMs).toBe(42_000);
    expect((err as SportmonksRateLimitError).entity).toBe('Fixture');
    expect(attempts).toEqual(['sportmonks GET /fixtures/between/2024-08-01/2024-08-02']);
  });

  it('retries 500s with exponential back-off', async () => {
    const { server, client, sleeps } = await setup();
    server.inject({ kind: 'status', status: 500 }, { times: 2 });
    const fixtures = await client.fixturesBetween('2024-08-01', '2024-08-02');
    expect(fixtures.length).toBeGreaterThan(0);
    expect(sleeps).toEqual([500, 1000]);
    expect(server.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('retries truncated JSON bodies', async () => {
    const { server, client, sleeps } = await setup();
    server.inject({ kind: 'truncated' }, { path: /between/ });
    const fixtures = await client.fixturesBetween('2024-07-15', '2024-08-31');
    expect(new Set(fixtures.map((f) => f.id)).size).toBe(
      FIXTURES.filter((f) => inRange(f, '2024-07-15', '2024-08-31', [8, 271, 501])).length,
    );
    expect(sleeps).toEqual([500]);
  });

  it('gives up after three attempts with a transient error', async () => {
    const { server, client } = await setup();
    server.inject({ kind: 'status', status: 503 }, { times: 5 });
    await expect(client.fixturesBetween('2024-08-01', '2024-08-02')).rejects.toBeInstanceOf(
      SportmonksTransientError,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('retries a request that times out', async () => {
    const { server, client } = await setup({}, { timeoutMs: 150 });
    server.inject({ kind: 'delay', ms: 2000 });
    const fixtures = await client.fixturesBetween('2024-08-01', '2024-08-02');
    expect(fixtures.length).toBeGreaterThan(0);
    expect(server.requests.length).toBe(2);
  });

  it('fails at once on 401 without leaking the token', async () => {
    server = await startFakeSportmonksServer({ token: 'the-right-token', fixtures: FIXTURES });
    const logs: string[] = [];
    const client = createSportmonksClient({
      baseUrl: server.baseUrl,
      token: TOKEN,
      sleep: () => Promise.resolve(),
      logger: {
        info: (m, meta) => logs.push(m + JSON.stringify(meta ?? {})),
        warn: (m, meta) => logs.push(m + JSON.stringify(meta ?? {})),
      },
    });
    const err = await client.fixturesBetween('2024-08-01', '2024-08-02').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SportmonksAuthError);
    expect(server.requests).toHaveLength(1);
    const text = `${(err as Error).message} ${(err as Error).stack ?? ''} ${JSON.stringify(err)}`;
    expect(text).toMatch(/401/);
    expect(text).not.toContain(TOKEN);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('never puts the token in a message even when the server echoes it', async () => {
    const { server, client } = await setup();
    server.inject({
      kind: 'status',
      status: 400,
      body: { message: `bad request for api_token=${TOKEN}` },
    });
    const err = await client.fixturesBetween('2024-08-01', '2024-08-02').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/HTTP 400/);
    expect((err as Error).message).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(1);
  });

  it('reports plan/include errors as SportmonksAccessError without retrying', async () => {
    const { server, client } = await setup();
    server.inject({ kind: 'include-error', status: 403, code: 5002, include: 'odds' });
    const err = await client.fixturesBetween('2024-08-01', '2024-08-02').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SportmonksAccessError);
    expect((err as SportmonksAccessError).code).toBe(5002);
    expect(server.requests).toHaveLength(1);
  });

  it('slows down when the remaining budget is low', async () => {
    const { server, client, sleeps, logs } = await setup({ resetsInSeconds: 3600 });
    server.setRemaining('Fixture', 4);
    // 138 fixtures = three pages: remaining 3 after page 1, 2 after page 2.
    const fixtures = await client.fixturesBetween('2024-07-15', '2024-09-20');
    expect(fixtures).toHaveLength(138);
    // Paced at min(60 s, window / remaining) before pages 2 and 3.
    expect(sleeps).toEqual([60_000, 60_000]);
    expect(logs.some((l) => l.level === 'warn' && /rate limit low/.test(l.message))).toBe(true);
    expect(client.rateLimits().get('Fixture')?.remaining).toBe(1);
  });

  it('waits for the window reset before calling an exhausted entity', async () => {
    const { server, client, sleeps } = await setup({ resetsInSeconds: 900 });
    server.setRemaining('Fixture', 1);
    await client.fixturesBetween('2024-08-01', '2024-08-02');
    expect(client.rateLimits().get('Fixture')?.remaining).toBe(0);
    server.setRemaining('Fixture', 100); // the window has reset on the server side
    await client.fixturesBetween('2024-08-01', '2024-08-02');
    expect(sleeps).toEqual([900_000]);
    expect(server.requests.every((r) => r.status === 200)).toBe(true);
  });
});

describe('SportMonks odds, leagues, seasons, teams', () => {
  const odds: FakeOddInput[] = [];
  const upcoming = FIXTURES.filter((f) => f.stateId === 1 && f.leagueId === 501).slice(0, 3);
  for (const [i, f] of upcoming.entries()) {
    // Labels are Home/Draw/Away today, 1/X/2 in older captures (CONTRACT.md §10): both accepted.
    const labels = i === 0 ? ['1', 'X', '2'] : ['Home', 'Draw', 'Away'];
    labels.forEach((label, j) =>
      odds.push({ fixtureId: f.id, bookmakerId: 2, marketId: 1, label, value: String(1.5 + j) }),
    );
    odds.push({
      fixtureId: f.id,
      bookmakerId: 2,
      marketId: 80,
      label: 'Over',
      value: '1.90',
      total: '2.5',
    });
  }

  it('maps pre-match odds per bookmaker and market', async () => {
    const { client } = await setup({ odds });
    const first = await client.preMatchOdds(upcoming[0]!.id);
    expect(first).toHaveLength(2);
    expect(first.find((o) => o.marketId === 1)).toMatchObject({
      fixtureId: upcoming[0]!.id,
      bookmakerId: 2,
      market: '1x2',
      prices: { home: 1.5, draw: 2.5, away: 3.5 },
    });
    expect(first.find((o) => o.marketId === 80)).toMatchObject({
      market: 'other',
      selections: [{ label: 'Over', value: 1.9, total: '2.5', handicap: null }],
    });
    expect(await client.preMatchOdds(upcoming[1]!.id, { marketIds: [1] })).toEqual([
      expect.objectContaining({ prices: { home: 1.5, draw: 2.5, away: 3.5 } }),
    ]);
    expect(await client.preMatchOdds(999)).toEqual([]);
  });

  it('combines upcoming fixtures with their odds', async () => {
    const { client, server } = await setup({ odds });
    const day = upcoming[0]!.startingAtUtc.slice(0, 10);
    const rows = await client.upcomingWithOdds(day, day, { leagueIds: [501], marketIds: [1] });
    expect(rows.every((r) => r.fixture.state === 'scheduled')).toBe(true);
    const withOdds = rows.find((r) => r.fixture.id === upcoming[0]!.id)!;
    expect(withOdds.odds[0]!.prices).toEqual({ home: 1.5, draw: 2.5, away: 3.5 });
    expect(server.requests.filter((r) => r.path.startsWith('/odds/')).length).toBe(rows.length);
  });

  it('reads fixture by id, leagues, seasons and teams; unknown ids are null', async () => {
    const { client } = await setup({
      leagues: [
        { id: 271, name: 'Superliga', countryId: 320, currentSeasonId: 23584 },
        { id: 501, name: 'Premiership', countryId: 1161, currentSeasonId: 23690 },
      ],
      seasons: [
        { id: 21644, leagueId: 271, name: '2023/2024' },
        { id: 23584, leagueId: 271, name: '2024/2025', isCurrent: true },
        { id: 23690, leagueId: 501, name: '2024/2025', isCurrent: true },
      ],
      teams: [
        { id: 53, name: 'Celtic', seasonIds: [23690] },
        { id: 62, name: 'Rangers', seasonIds: [23690] },
        { id: 85, name: 'FC København', seasonIds: [23584] },
      ],
    });
    expect((await client.fixture(FIXTURES[0]!.id))?.home).toEqual(FIXTURES[0]!.home);
    expect(await client.fixture(1)).toBeNull();
    expect((await client.leagues()).map((l) => [l.id, l.currentSeasonId])).toEqual([
      [271, 23584],
      [501, 23690],
    ]);
    expect(await client.league(501)).toMatchObject({ name: 'Premiership', countryId: 1161 });
    expect(await client.league(12345)).toBeNull();
    expect((await client.seasons(271)).map((s) => [s.id, s.isCurrent])).toEqual([
      [21644, false],
      [23584, true],
    ]);
    expect((await client.teamsOfSeason(23690)).map((t) => t.name)).toEqual(['Celtic', 'Rangers']);
  });
});
