// The dry run's port check: two servers of one role on the same port would fail only at start.
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@scoreline/config';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runDryRun } from './dry-run';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-dry-run-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let runs = 0;
const dryRun = (vars: Record<string, string>) =>
  runDryRun(loadConfig({ DATA_DIR: join(tmp, `run-${++runs}`), ...vars }));

describe('runDryRun: ports', () => {
  it('When ENABLE_HEALTH is on and HEALTH_PORT equals PORT in ROLE=api, then one line names both', async () => {
    const { problems } = await dryRun({
      ROLE: 'api',
      PORT: '8080',
      ENABLE_HEALTH: '1',
      HEALTH_PORT: '8080',
    });

    expect(problems).toEqual([
      'PORT and HEALTH_PORT are both 8080: the api and the TCP health server cannot listen on one port in ROLE=api',
    ]);
  });

  it('When the health server is off, then the same numbers are no clash', async () => {
    const { problems } = await dryRun({
      ROLE: 'all',
      PORT: '8080',
      ENABLE_HEALTH: '0',
      HEALTH_PORT: '8080',
    });

    expect(problems).toEqual([]);
  });

  it('When a worker serves metrics and health on one port, then one line names METRICS_PORT and HEALTH_PORT', async () => {
    const { problems } = await dryRun({
      ROLE: 'worker',
      ENABLE_METRICS: '1',
      METRICS_PORT: '9100',
      ENABLE_HEALTH: '1',
      HEALTH_PORT: '9100',
    });

    expect(problems).toEqual([
      'METRICS_PORT and HEALTH_PORT are both 9100: the metrics server and the TCP health server cannot listen on one port in ROLE=worker',
    ]);
  });

  it('When METRICS_PORT equals PORT in ROLE=api, then there is no clash: the api serves /metrics on PORT', async () => {
    const { problems } = await dryRun({
      ROLE: 'api',
      ENABLE_METRICS: '1',
      PORT: '9100',
      METRICS_PORT: '9100',
    });

    expect(problems).toEqual([]);
  });

  it('When npm start -- --dry-run meets the clash, then it exits 1 with the one line', () => {
    const result = spawnSync(
      process.execPath,
      [join(resolve(__dirname, '..'), 'start.js'), '--dry-run'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ROLE: 'api',
          DATA_DIR: join(tmp, 'spawned'),
          PORT: '8080',
          ENABLE_HEALTH: '1',
          HEALTH_PORT: '8080',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'dry-run: PORT and HEALTH_PORT are both 8080: the api and the TCP health server cannot listen on one port in ROLE=api',
    ]);
  });
});
