import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createSqlHeartbeatStore, migrateLatest, type Db } from '@scoreline/db';
import {
  ALL_JOB_NAMES,
  createInProcessBackend,
  MissingProcessorError,
  type QueueBackend,
} from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { Registry } from 'prom-client';
import { createChampionCache } from '@scoreline/training';
import { createProcessors, WORKER_JOBS } from './processors';
import { startWorkerRole, type WorkerHandle } from './role';
import { quietLogger, tempConfig, waitFor, type TempConfig } from './test-support/worker-fixtures';

describe('worker role (in-process queue)', () => {
  let handle: TestDatabase;
  let db: Db;
  let tmp: TempConfig;
  let queue: QueueBackend;
  let worker: WorkerHandle | undefined;
  let metrics: Registry;

  beforeEach(async () => {
    handle = await createSqliteTestDb();
    db = handle.db;
    await migrateLatest(db);
    queue = createInProcessBackend({ logger: quietLogger() });
    metrics = new Registry();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await queue.close();
    await handle.dispose();
    tmp.dispose();
  });

  const start = (env: Record<string, string> = {}) => {
    tmp = tempConfig(env);
    return startWorkerRole(tmp.config, {
      logger: quietLogger(),
      heartbeats: createSqlHeartbeatStore(db),
      instance: 'test:1',
      db,
      queue,
      metrics,
    });
  };

  it('When started, then it answers jobs, leaves the outbox to tgbot, beats as worker and scheduler, and counts jobs', async () => {
    worker = await start({ ENABLE_SCHEDULER: '1' });

    await expect(
      queue.request('predict', { league: 'E0', home: 'a', away: 'b' }, { timeoutMs: 5_000 }),
    ).resolves.toEqual({ status: 'no_model', league: 'E0' });
    await expect(queue.request('sync', {}, { timeoutMs: 5_000 })).resolves.toMatchObject({
      status: 'skipped',
    });
    const outbox = await queue.enqueue('outbox', { chatId: '1', text: 'hi', kind: 'alert' });

    expect((await queue.getJob('outbox', outbox.id)).state).toBe('waiting');
    expect((await queue.listSchedules()).map((s) => s.id)).toContain('digest-scan');
    const hb = createSqlHeartbeatStore(db);
    await waitFor(
      () => hb.lastBeats('scheduler'),
      (b) => b.length === 1,
    );
    expect((await hb.lastBeats('worker')).map((b) => b.instance)).toEqual(['test:1']);
    const text = await metrics.metrics();
    expect(text).toContain('scoreline_jobs_completed_total{queue="predict"} 1');
    expect(text).toContain('scoreline_queue_depth{queue="outbox",state="waiting"} 1');
    expect(text).toMatch(/scoreline_job_duration_seconds_count\{queue="sync"\} 1/);
    // A skipped sync (no token) is not a success.
    expect(text).not.toMatch(/scoreline_last_success_timestamp_seconds\{job="sync"\}/);
  });

  it('When ENABLE_SCHEDULER=0, then no schedule and no scheduler heartbeat exist', async () => {
    worker = await start({ ENABLE_SCHEDULER: '0' });

    expect(await queue.listSchedules()).toEqual([]);
    expect(await createSqlHeartbeatStore(db).lastBeats('scheduler')).toEqual([]);
  });

  it('When stopped mid-job, then the running job finishes before stop resolves', async () => {
    worker = await start({ ENABLE_SCHEDULER: '0' });
    const id = (await queue.enqueue('maintenance', { tasks: ['vacuum', 'cleanup'] })).id;
    await waitFor(
      () => queue.getJob('maintenance', id),
      (j) => j.state !== 'waiting',
    );

    await worker.stop();

    expect((await queue.getJob('maintenance', id)).state).toBe('completed');
  });

  it('When a job type has no processor, then the queue refuses to start workers, naming it', async () => {
    tmp = tempConfig();
    const processors = createProcessors({
      config: tmp.config,
      db,
      queue,
      logger: quietLogger(),
      champions: createChampionCache(db, '/nonexistent', () => undefined),
      ledger: { request: () => undefined },
    });

    expect(Object.keys(processors).sort()).toEqual([...WORKER_JOBS].sort());
    await expect(queue.startWorkers(processors, { only: ALL_JOB_NAMES })).rejects.toThrow(
      MissingProcessorError,
    );
    await expect(queue.startWorkers(processors, { only: ALL_JOB_NAMES })).rejects.toThrow(/outbox/);
  });
});
