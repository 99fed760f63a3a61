import { afterEach, describe, expect, it } from '@jest/globals';
import { createInProcessBackend, type QueueBackend } from '@scoreline/queue';
import { registerSchedules, wantedSchedules } from './schedules';
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

    await registerSchedules(q, config.scheduler);
    await registerSchedules(q, config.scheduler);

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
    expect(wantedSchedules(config.scheduler).find((s) => s.id === 'backup')?.payload).toEqual({
      tasks: ['backup'],
    });
    expect(wantedSchedules(config.scheduler).find((s) => s.id === 'maintenance')?.payload).toEqual({
      tasks: ['vacuum', 'cleanup'],
    });
  });

  it('When restarted with FAILSAFE_MODE=1, then retrain, backup and VACUUM are removed and sync and digests stay', async () => {
    const normal = tempConfig();
    const failsafe = tempConfig({ FAILSAFE_MODE: '1' });
    normal.dispose();
    failsafe.dispose();
    const q = make();
    await registerSchedules(q, normal.config.scheduler);

    const { removed } = await registerSchedules(q, failsafe.config.scheduler);

    expect(await ids(q)).toEqual(['digest-scan', 'sync']);
    expect(removed.sort()).toEqual(['backup', 'maintenance', 'retrain']);
  });

  it('When RETRAIN_CRON=off, then only the retrain schedule is left out', async () => {
    const tmp = tempConfig({ RETRAIN_CRON: 'off' });
    tmp.dispose();
    const config = tmp.config;
    const q = make();

    await registerSchedules(q, config.scheduler);

    expect(await ids(q)).toEqual(['backup', 'digest-scan', 'maintenance', 'sync']);
  });
});
