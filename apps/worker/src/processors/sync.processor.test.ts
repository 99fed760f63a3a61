import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { countFixtures, migrateLatest, type Db } from '@scoreline/db';
import {
  startFakeFootballDataServer,
  startFakeSportmonksServer,
  type FakeFootballDataServer,
  type FakeSportmonksServer,
} from '@scoreline/feeds';
import { createInProcessBackend, UnrecoverableJobError, type QueueBackend } from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { quietLogger } from '../test-support/worker-fixtures';
import { createSyncProcessor } from './sync.processor';

const TOKEN = 'test-token-123';
const ctx = { jobId: 'repeat:sync:1', attempt: 1 };
const retry = { attempts: 1, delaySec: 0, maxDelaySec: 0, backoff: 2 };

describe('sync processor (local SportMonks server)', () => {
  let handle: TestDatabase;
  let db: Db;
  let server: FakeSportmonksServer;
  let queue: QueueBackend;

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    await migrateLatest(db);
    server = await startFakeSportmonksServer({
      token: TOKEN,
      fixtures: [
        {
          id: 1,
          leagueId: 8,
          seasonId: 800,
          startingAtUtc: '2025-03-01 15:00:00',
          home: { id: 11, name: 'Arsenal' },
          away: { id: 12, name: 'Chelsea' },
          stateId: 5,
          homeGoals: 2,
          awayGoals: 1,
        },
        {
          id: 2,
          leagueId: 8,
          seasonId: 800,
          startingAtUtc: '2025-03-04 19:45:00',
          home: { id: 12, name: 'Chelsea' },
          away: { id: 11, name: 'Arsenal' },
          stateId: 1,
        },
      ],
    });
  });
  afterEach(async () => {
    await queue.close();
  });
  afterAll(async () => {
    await server.close();
    await handle.dispose();
  });

  const make = (token: string | undefined) => {
    queue = createInProcessBackend({ logger: quietLogger() });
    return createSyncProcessor({
      db,
      queue,
      config: {
        sportmonks: { token, baseUrl: server.baseUrl, leagueIds: [8] },
        footballData: { enabled: true, baseUrl: 'http://127.0.0.1:9', leagues: ['E0'] },
        retry,
      },
      logger: quietLogger(),
      sleep: () => Promise.resolve(),
    });
  };

  it('When a sync runs, then fixtures are stored and a settle job is queued', async () => {
    const sync = make(TOKEN);

    const result = await sync({ from: '2025-03-01', to: '2025-03-05' }, ctx);

    expect(result).toEqual({ status: 'ok', leagues: ['E0'], fixtures: 2, odds: 0 });
    expect((await queue.counts()).settle.waiting).toBe(1);
  });

  it('When no token is configured, then the job is skipped and nothing is called', async () => {
    const before = server.requests.length;

    await expect(make(undefined)({}, ctx)).resolves.toMatchObject({ status: 'skipped' });
    expect(server.requests.length).toBe(before);
  });

  it('When the token is refused, then the job fails without retries', async () => {
    const sync = make('wrong-token');

    await expect(sync({ from: '2025-03-01', to: '2025-03-05' }, ctx)).rejects.toBeInstanceOf(
      UnrecoverableJobError,
    );
  });
});

describe('sync processor, football-data.co.uk source (local site)', () => {
  let handle: TestDatabase;
  let db: Db;
  let site: FakeFootballDataServer;
  let queue: QueueBackend;
  const now = () => new Date('2026-12-04T06:00:00Z');
  const E0 = '/mmz4281/2627/E0.csv';
  const SP1 = '/mmz4281/2627/SP1.csv';
  const RESULTS = (div: string, home: string, away: string) =>
    `Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR\n${div},29/11/2026,15:00,${home},${away},1,1,D\n`;

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    await migrateLatest(db);
    site = await startFakeFootballDataServer();
  });
  afterEach(async () => {
    await queue.close();
  });
  afterAll(async () => {
    await site.close();
    await handle.dispose();
  });

  const make = (opts: { token?: string; enabled?: boolean; leagues?: string[] } = {}) => {
    queue = createInProcessBackend({ logger: quietLogger() });
    return createSyncProcessor({
      db,
      queue,
      config: {
        sportmonks: { token: opts.token, baseUrl: 'http://127.0.0.1:9', leagueIds: [8] },
        footballData: {
          enabled: opts.enabled ?? true,
          baseUrl: site.baseUrl,
          leagues: opts.leagues ?? ['E0', 'SP1'],
        },
        retry,
      },
      logger: quietLogger(),
      now,
    });
  };

  it("When the results sync runs, then every league's file is imported and a settle job is queued", async () => {
    site.setFile(E0, RESULTS('E0', 'Arsenal', 'Chelsea'));
    site.setFile(SP1, RESULTS('SP1', 'Barcelona', 'Sevilla'));

    const result = await make()({ source: 'football-data-results' }, ctx);

    expect(result).toEqual({ status: 'ok', leagues: ['E0', 'SP1'], fixtures: 2, odds: 0 });
    expect((await queue.counts()).settle.waiting).toBe(1);
  });

  it("When one league's file fails, then the others are imported and the job fails naming the file", async () => {
    site.setFile(E0, RESULTS('E0', 'Everton', 'Fulham'));
    site.setFault(SP1, { status: 503 });
    const before = await countFixtures(db);

    await expect(make()({ source: 'football-data-results' }, ctx)).rejects.toThrow(
      `${site.baseUrl}${SP1}: HTTP 503`,
    );

    expect(await countFixtures(db)).toBe(before + 1);
    site.clearFault(SP1);
  });

  it.each([
    ['a SportMonks token is set', { token: 'sm-token' }, /SportMonks is the live source/],
    ['FOOTBALL_DATA_SYNC=0', { enabled: false }, /FOOTBALL_DATA_SYNC=0/],
  ])('When %s, then the football-data sync is skipped without a request', async (_w, opts, why) => {
    const requests = site.requests.length;

    const result = await make(opts)({ source: 'football-data-fixtures' }, ctx);

    expect(result).toEqual({ status: 'skipped', reason: expect.stringMatching(why) });
    expect(site.requests.length).toBe(requests);
  });

  it('When a league code is unknown, then the job fails for good and names it', async () => {
    await expect(
      make()({ source: 'football-data-results', leagues: ['E0', 'XX9'] }, ctx),
    ).rejects.toMatchObject({
      name: 'UnrecoverableJobError',
      message: expect.stringMatching(/XX9/),
    });
  });
});
