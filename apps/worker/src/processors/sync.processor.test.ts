import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateLatest, type Db } from '@scoreline/db';
import { startFakeSportmonksServer, type FakeSportmonksServer } from '@scoreline/feeds';
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
      config: { sportmonks: { token, baseUrl: server.baseUrl, leagueIds: [8] }, retry },
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
