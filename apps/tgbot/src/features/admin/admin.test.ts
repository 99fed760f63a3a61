import { describe, expect, it } from '@jest/globals';
import type { JobInfo, JobName, QueueBackend } from '@scoreline/queue';
import { createCommandList } from '../../i18n/command-list';
import { FEATURES } from '../index';
import { adminJobId, adminMenuCommands, describeOutcome, watchJob } from './admin';
import { ADMIN_TEXTS } from './texts';

const en = ADMIN_TEXTS.en;
const done = (result: unknown): JobInfo =>
  ({ id: 'j', name: 'retrain', state: 'completed', attemptsMade: 1, result }) as JobInfo;

describe('admin commands', () => {
  it('When a retrain promotes a challenger, then the outcome names both versions and the metrics', () => {
    const text = describeOutcome(
      en,
      'retrain',
      'Retrain E0',
      done({
        status: 'promoted',
        league: 'E0',
        modelVersion: 'v2',
        previousVersion: 'v1',
        reason: 'lower RPS',
        metrics: { n: 120, rps: 0.19876, logLoss: 0.98, brier: 0.58, ece: 0.02 },
      }),
      60_000,
    ).toString();
    expect(text).toContain('promoted <code>v2</code> to champion (was <code>v1</code>)');
    expect(text).toContain('RPS 0.1988 · log loss 0.9800 · Brier 0.5800 · n=120');
  });

  it('When jobs end otherwise, then the outcome says skipped, failed (escaped), or the backup file', () => {
    expect(
      describeOutcome(
        en,
        'retrain',
        'Retrain E0',
        done({ status: 'skipped', reason: 'no <new> matches' }),
        1,
      ).toString(),
    ).toBe('Retrain E0: skipped — no &lt;new&gt; matches');
    expect(
      describeOutcome(
        en,
        'sync',
        'Sync',
        {
          id: 'j',
          name: 'sync',
          state: 'failed',
          attemptsMade: 5,
          failedReason: 'HTTP 500 <html>',
        },
        1,
      ).toString(),
    ).toBe('❌ Sync failed: HTTP 500 &lt;html&gt;');
    expect(
      describeOutcome(
        en,
        'backup',
        'Backup',
        done({ status: 'ok', tasks: [{ task: 'backup', status: 'done', detail: '/b/x.sqlite' }] }),
        1,
      ).toString(),
    ).toBe('✅ Backup: <code>/b/x.sqlite</code>');
    expect(describeOutcome(en, 'sync', 'Sync', null, 30 * 60_000).toString()).toBe(
      'Sync: not finished after 30 min. Check /status.',
    );
  });

  it('When a job is watched, then it is polled until it finishes, or given up on at the limit', async () => {
    const states: JobInfo['state'][] = ['waiting', 'active', 'completed'];
    let polls = 0;
    const queue = {
      getJob: (name: JobName, id: string) =>
        Promise.resolve({ id, name, state: states[Math.min(polls++, 2)]!, attemptsMade: 0 }),
    } as unknown as QueueBackend;
    const info = await watchJob({ queue }, 'sync', 'j1', 60_000, undefined, () =>
      Promise.resolve(),
    );
    expect(info?.state).toBe('completed');
    expect(polls).toBe(3);

    const stuck = {
      getJob: (name: JobName, id: string) =>
        Promise.resolve({ id, name, state: 'active', attemptsMade: 0 }),
    } as unknown as QueueBackend;
    expect(
      await watchJob({ queue: stuck }, 'sync', 'j2', 0, undefined, () => Promise.resolve()),
    ).toBeNull();
  });

  it('When the bot shuts down during a long watch, then the watch ends at once without an outcome', async () => {
    const stuck = {
      getJob: (name: JobName, id: string) =>
        Promise.resolve({ id, name, state: 'active', attemptsMade: 0 }),
    } as unknown as QueueBackend;
    const shutdown = new AbortController();

    const watching = watchJob({ queue: stuck }, 'retrain', 'j3', 30 * 60_000, shutdown.signal);
    shutdown.abort();

    await expect(watching).resolves.toBeNull();
  });

  it('When a job id is made, then it is a valid queue id naming the job, scope and second', () => {
    const id = adminJobId('retrain', 'E0', new Date('2026-11-28T10:51:12.345Z'));
    expect(id).toBe('admin-retrain-E0-20261128T105112');
    expect(adminJobId('backup', null, new Date('2026-11-28T10:51:12Z'))).toBe(
      'admin-backup-all-20261128T105112',
    );
  });

  it('When the admin menu is built, then it is the public menu plus the admin commands', () => {
    const names = adminMenuCommands(createCommandList(FEATURES), 'ru').map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(['predict', 'settings', 'status', 'backup']));
    expect(names.indexOf('status')).toBeGreaterThan(names.indexOf('predict'));
  });
});
