import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listSubscriptions, type Db } from '@scoreline/db';
import { createInProcessBackend, type QueueBackend } from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { createChampionCache } from '@scoreline/training';
import { DIGEST_NOW, seedDigestScenario } from '../test-support/digest-scenario';
import {
  quietLogger,
  seedEpl,
  tempConfig,
  trainChampion,
  waitFor,
  type TempConfig,
} from '../test-support/worker-fixtures';
import { createDigestProcessor, digestJobId } from './digest.processor';

const ctx = { jobId: 'scan', attempt: 1 };
const at = (iso: string) => ({ now: iso });

describe('digest processor', () => {
  let handle: TestDatabase;
  let db: Db;
  let tmp: TempConfig;
  let queue: QueueBackend;
  let subscriptionId: number;
  let digest: ReturnType<typeof createDigestProcessor>;

  beforeAll(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    tmp = tempConfig();
    await seedEpl(db);
    await trainChampion(db, tmp.config);
    ({ subscriptionId } = await seedDigestScenario(db));
    const logger = quietLogger();
    queue = createInProcessBackend({ logger });
    const champions = createChampionCache(db, tmp.config.paths.modelRegistryPath, () => undefined);
    digest = createDigestProcessor({ db, queue, champions, logger });
  }, 120_000);

  afterAll(async () => {
    await queue.close();
    await handle.dispose();
    tmp.dispose();
  });

  it('When the local time is before the subscription time, then nothing is queued', async () => {
    // 05:59 UTC = 08:59 in Moscow.
    expect(await digest(at('2026-03-01T05:59:00.000Z'), ctx)).toEqual({ status: 'ok', queued: 0 });
    expect((await queue.counts()).outbox.waiting).toBe(0);
  });

  it('When the subscription is due, then one escaped digest of the next 24 hours goes on the outbox, once for the day', async () => {
    expect(await digest(at(DIGEST_NOW), ctx)).toEqual({ status: 'ok', queued: 1 });
    expect(await digest(at('2026-03-01T06:06:00.000Z'), ctx)).toEqual({ status: 'ok', queued: 0 });

    const job = await queue.getJob('outbox', digestJobId(subscriptionId, '2026-03-01'));
    expect(job.state).toBe('waiting');
    expect((await queue.counts()).outbox.waiting).toBe(1);
    const [sub] = await listSubscriptions(db);
    expect(sub?.lastSentOn).toBe('2026-03-01');
  });

  it('When the digest text is built, then names are HTML-escaped, times are local and the champion prices known teams', async () => {
    const other = createInProcessBackend({ logger: quietLogger() });
    try {
      const champions = createChampionCache(
        db,
        tmp.config.paths.modelRegistryPath,
        () => undefined,
      );
      const run = createDigestProcessor({ db, queue: other, champions, logger: quietLogger() });
      await db.writer('subscriptions').update({ last_sent_on: null });
      await run(at(DIGEST_NOW), ctx);
      // The in-process backend keeps the payload; read it through a worker.
      const seen: string[] = [];
      const w = await other.startWorkers(
        {
          outbox: (p) => {
            seen.push(p.text);
            return Promise.resolve({ status: 'sent' });
          },
        },
        { only: ['outbox'] },
      );
      await waitFor(
        () => seen.length,
        (n) => n === 1,
      );
      await w.close(1_000);
      const [text] = seen;
      expect(text).toContain('<b>18:00</b> Arsenal — Chelsea: 1 ');
      expect(text).toContain('Tom &amp; &lt;Jerry&gt; United — Spike Rovers: <i>no model yet</i>');
      expect(text).toContain('Predictions for the next 24 hours');
      expect(text).not.toContain('03-03');
      expect(text?.match(/Arsenal/g)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
