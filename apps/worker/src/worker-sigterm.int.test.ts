// SIGTERM in the middle of a job: the worker process finishes the job, then exits 0.
// Runs the compiled worker (npm test builds first).
import { afterEach, expect, it } from '@jest/globals';
import { getChampion, migrateLatest } from '@scoreline/db';
import { createQueueBackend, type QueueBackend } from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { describeWithRedis, testRedisUrl } from '@test-support/services';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  quietLogger,
  seedEpl,
  tempConfig,
  waitFor,
  type TempConfig,
} from './test-support/worker-fixtures';

describeWithRedis('worker process', () => {
  let child: ChildProcess | undefined;
  let producer: QueueBackend | undefined;
  let handle: TestDatabase | undefined;
  let tmp: TempConfig | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await producer?.close();
    await handle?.dispose();
    tmp?.dispose();
  });

  it('When SIGTERM arrives during a retrain, then the retrain completes and the process exits 0', async () => {
    handle = await createSqliteTestDb();
    await migrateLatest(handle.db);
    await seedEpl(handle.db);
    tmp = tempConfig();
    const prefix = `test-sigterm-${randomUUID()}`;
    const dbPath = handle.db.sqlitePath!;
    child = fork(
      path.join(__dirname, 'test-support', 'sigterm-worker.js'),
      [testRedisUrl, prefix, dbPath, tmp.dir],
      { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    const proc = child;
    const exited = new Promise<number | null>((resolve) =>
      proc.once('exit', (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      proc.once('message', () => resolve());
      proc.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
    });
    producer = createQueueBackend({
      redisUrl: testRedisUrl,
      prefix,
      logger: quietLogger(),
      role: 'producer',
    });

    const { id } = await producer.enqueue('retrain', { league: 'E0' });
    const running = await waitFor(
      () => producer!.getJob('retrain', id),
      (j) => j.state === 'active' || j.state === 'completed',
    );
    proc.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(running.state).toBe('active');
    const job = await producer.getJob('retrain', id);
    expect(job.state).toBe('completed');
    expect(await getChampion(handle.db, 'E0')).not.toBeNull();
  }, 120_000);
});
