import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getChampion, listRecentJobRuns, upsertLeague, type Db } from '@scoreline/db';
import { UnrecoverableJobError } from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import {
  FAST_RETRAIN,
  quietLogger,
  seedEpl,
  tempConfig,
  type TempConfig,
} from '../test-support/worker-fixtures';
import { createRetrainProcessor } from './retrain.processor';

const ctx = { jobId: 'retrain', attempt: 1 };

describe('retrain processor', () => {
  let handle: TestDatabase;
  let db: Db;
  let tmp: TempConfig;
  let retrain: ReturnType<typeof createRetrainProcessor>;

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    tmp = tempConfig();
    await seedEpl(db);
    // A league with neither a champion nor history: nothing to learn from, so not retrained.
    await upsertLeague(db, { code: 'SP1', name: 'La Liga' });
    retrain = createRetrainProcessor({
      db,
      registryDir: tmp.config.paths.modelRegistryPath,
      reportsDir: tmp.config.paths.reportsDir,
      keep: 3,
      logger: quietLogger(),
      options: FAST_RETRAIN,
    });
  }, 60_000);
  afterAll(async () => {
    await handle.dispose();
    tmp.dispose();
  });

  it('When no league is named, then every league with history is retrained and the others are left alone', async () => {
    const result = await retrain({}, ctx);

    // Only E0 ran, so the result is that league's own.
    expect(result).toMatchObject({ status: 'promoted', league: 'E0' });
    expect(result.reason).toBe('promoted: first model for E0');
    expect(await getChampion(db, 'E0')).not.toBeNull();
    expect((await listRecentJobRuns(db, { name: 'retrain' })).map((r) => r.key)).toEqual(['E0']);
  }, 60_000);

  it('When nothing new finished since the champion, then the retrain is skipped with the reason', async () => {
    const result = await retrain({ league: 'E0' }, ctx);

    expect(result).toMatchObject({ status: 'skipped', league: 'E0' });
    expect(result.reason).toMatch(/nothing to retrain/);
  });

  it('When a named league has no matches, then it is skipped; when it is unknown, the job fails once without retries', async () => {
    await expect(retrain({ league: 'SP1' }, ctx)).resolves.toMatchObject({ status: 'skipped' });
    await expect(retrain({ league: 'XX9' }, ctx)).rejects.toBeInstanceOf(UnrecoverableJobError);
  });
});
