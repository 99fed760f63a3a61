import { afterEach, describe, expect, it } from '@jest/globals';
import { createInProcessBackend, type QueueBackend } from '@scoreline/queue';
import { enqueueLiveCatchUp, registerSchedules, wantedSchedules } from './schedules';
import { quietLogger, tempConfig } from './test-support/worker-fixtures';

const ids = async (q: QueueBackend) => (await q.listSchedules()).map((s) => s.id).sort();

describe('schedules', () => {
  const backends: QueueBackend[] = [];
  afterEach(async () => {
    await Promise.all(backends.splice(0).map((b) => b.close()));
  });
  const make = () => {
    const b = createInProcessBackend({ logger: quietLogger() });
    backends.push(b);
    return b;
  };

  it('When registered twice, then each schedule exists once with its cron and payload', async () => {
    const tmp = tempConfig({ RETRAIN_CRON: '0 5 * * *' });
    tmp.dispose();
    const config = tmp.config;
    const q = make();

    await registerSchedules(q, config);
    await registerSchedules(q, config);

    const list = await q.listSchedules();
    expect(list.map((s) => s.id).sort()).toEqual([
      'backup',
      'digest-scan',
      'maintenance',
      'retrain',
      'sync',
    ]);
    expect(list.find((s) => s.id === 'retrain')).toMatchObject({
      cron: '0 5 * * *',
      name: 'retrain',
    });
    expect(list.find((s) => s.id === 'digest-scan')).toMatchObject({
      cron: '* * * * *',
      name: 'digest',
    });
    expect(wantedSchedules(config).find((s) => s.id === 'backup')?.payload).toEqual({
      tasks: ['backup'],
    });
    expect(wantedSchedules(config).find((s) => s.id === 'maintenance')?.payload).toEqual({
      tasks: ['vacuum', 'cleanup'],
    });
  });

  it('When restarted with FAILSAFE_MODE=1, then retrain, backup and VACUUM are removed and the syncs and digests stay', async () => {
    const normal = tempConfig({ FOOTBALL_DATA_SYNC: '1' });
    const failsafe = tempConfig({ FOOTBALL_DATA_SYNC: '1', FAILSAFE_MODE: '1' });
    normal.dispose();
    failsafe.dispose();
    const q = make();
    await registerSchedules(q, normal.config);

    const { removed } = await registerSchedules(q, failsafe.config);

    expect(await ids(q)).toEqual([
      'digest-scan',
      'football-data-fixtures',
      'football-data-results',
      'sync',
    ]);
    expect(removed.sort()).toEqual(['backup', 'maintenance', 'retrain']);
  });

  it('When RETRAIN_CRON=off, then only the retrain schedule is left out', async () => {
    const tmp = tempConfig({ RETRAIN_CRON: 'off' });
    tmp.dispose();
    const config = tmp.config;
    const q = make();

    await registerSchedules(q, config);

    expect(await ids(q)).toEqual(['backup', 'digest-scan', 'maintenance', 'sync']);
  });

  it('When no SportMonks token is set, then football-data results are synced daily and fixtures twice a day', async () => {
    const tmp = tempConfig({ FOOTBALL_DATA_SYNC: '1' });
    tmp.dispose();
    const q = make();

    await registerSchedules(q, tmp.config);

    const list = await q.listSchedules();
    expect(list.find((s) => s.id === 'football-data-results')).toMatchObject({
      cron: '0 6 * * *',
      name: 'sync',
    });
    expect(list.find((s) => s.id === 'football-data-fixtures')).toMatchObject({
      cron: '0 7,19 * * *',
      name: 'sync',
    });
    expect(wantedSchedules(tmp.config).filter((s) => s.name === 'sync')).toEqual([
      expect.objectContaining({ id: 'sync', payload: {} }),
      expect.objectContaining({ payload: { source: 'football-data-results' } }),
      expect.objectContaining({ payload: { source: 'football-data-fixtures' } }),
    ]);
  });

  it.each([
    ['a SportMonks token is set', { SPORTMONKS_API_TOKEN: 'sm-token-for-test' }],
    ['FOOTBALL_DATA_SYNC=0', { FOOTBALL_DATA_SYNC: '0' }],
  ])('When restarted with %s, then the football-data schedules are removed', async (_what, env) => {
    const before = tempConfig({ FOOTBALL_DATA_SYNC: '1' });
    const after = tempConfig({ FOOTBALL_DATA_SYNC: '1', ...env });
    before.dispose();
    after.dispose();
    const q = make();
    await registerSchedules(q, before.config);

    const { removed } = await registerSchedules(q, after.config);

    expect(removed.filter((id) => id.startsWith('football-data')).sort()).toEqual([
      'football-data-fixtures',
      'football-data-results',
    ]);
    expect(await ids(q)).not.toContain('football-data-results');
  });

  it('When the worker starts twice in a day without SportMonks, then the football-data catch-up is queued once', async () => {
    const tmp = tempConfig({ FOOTBALL_DATA_SYNC: '1' });
    tmp.dispose();
    const q = make();
    const morning = new Date('2026-12-04T08:00:00Z');

    await enqueueLiveCatchUp(q, tmp.config, morning);
    await enqueueLiveCatchUp(q, tmp.config, new Date('2026-12-04T20:00:00Z'));

    expect((await q.counts()).sync.waiting).toBe(2);
    const withToken = tempConfig({ FOOTBALL_DATA_SYNC: '1', SPORTMONKS_API_TOKEN: 'sm-token' });
    withToken.dispose();
    expect(await enqueueLiveCatchUp(make(), withToken.config, morning)).toEqual([]);
  });
});
