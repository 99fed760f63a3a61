import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  acquireBootstrapLease,
  countFixtures,
  getBootstrapState,
  getChampion,
  migrateLatest,
  openBootstrap,
  type Db,
} from '@scoreline/db';
import { importFootballDataFile } from '@scoreline/feeds';
import { REPO_ROOT } from '@scoreline/config';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CANDIDATES } from '../retrain/candidates';
import type { RetrainOptions } from '../retrain/retrain';
import { runBootstrap, type BootstrapDeps, type BootstrapOptions } from './bootstrap';
import { historyFiles, seasonLabel } from './history-files';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-bootstrap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A small copy of data/history: one Premier League and one Bundesliga season.
const historyDir = join(tmp, 'history');
const SUBSET = [
  ['E0', 'season-2425.csv'],
  ['D1', 'season-2425.csv'],
] as const;
for (const [league, name] of SUBSET) {
  mkdirSync(join(historyDir, league), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'data', 'history', league, name), join(historyDir, league, name));
}
// Matches in the subset (data rows of the two files).
const SUBSET_MATCHES = 380 + 306;

const FAST: Omit<RetrainOptions, 'league' | 'force'> = {
  candidates: [DEFAULT_CANDIDATES[0]!],
  minHistoryDays: 100,
  evalDays: 60,
  warmupDays: 0,
  refitDays: 14,
};

describe('history files', () => {
  it('When a folder holds seasons of two centuries, then they are listed oldest first with their labels', () => {
    const dir = join(tmp, 'centuries');
    mkdirSync(join(dir, 'E0'), { recursive: true });
    for (const name of ['season-0001.csv', 'season-9899.csv', 'season-9900.csv', 'notes.txt']) {
      copyFileSync(join(historyDir, 'E0', 'season-2425.csv'), join(dir, 'E0', name));
    }

    const files = historyFiles(dir);

    expect(files.map((f) => f.name)).toEqual([
      'season-9899.csv',
      'season-9900.csv',
      'season-0001.csv',
    ]);
    expect(files.map((f) => seasonLabel(f.name))).toEqual(['1998/99', '1999/00', '2000/01']);
  });

  it('When a requested league has no folder, then it says which one', () => {
    expect(() => historyFiles(historyDir, ['SP1'])).toThrow(/no history for SP1/);
  });
});

describe.each(testEngines)('first-start bootstrap on %s', (engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  let lines: string[];
  let run = 0;

  beforeEach(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
    lines = [];
    run += 1;
  }, 60_000);
  afterEach(() => handle.dispose());

  const deps = (owner = 'host:1'): BootstrapDeps => ({
    db,
    registryDir: join(tmp, engine, String(run), 'artifacts'),
    reportsDir: join(tmp, engine, String(run), 'reports'),
    keep: 5,
    owner,
    log: (line) => lines.push(`${owner} ${line}`),
  });
  const opts = (extra: Partial<BootstrapOptions> = {}): BootstrapOptions => ({
    historyDir,
    retrainOptions: FAST,
    pollMs: 20,
    ...extra,
  });
  const fixtures = () => countFixtures(db);

  it('When the database is empty, then it imports every season, trains each league and records done; a second start imports nothing', async () => {
    const first = await runBootstrap(deps(), opts());

    expect(first).toMatchObject({
      status: 'done',
      leagues: ['E0', 'D1'],
      files: 2,
      matches: SUBSET_MATCHES,
      models: 2,
    });
    expect(await fixtures()).toBe(SUBSET_MATCHES);
    expect(await getChampion(db, 'E0')).not.toBeNull();
    expect(await getChampion(db, 'D1')).not.toBeNull();
    expect(await getBootstrapState(db)).toMatchObject({ status: 'done', owner: null });
    expect(lines.join('\n')).toMatch(/E0: 1 season \(2024\/25\), 380 matches imported/);

    lines = [];
    const second = await runBootstrap(deps('host:2'), opts());

    expect(second.status).toBe('already-done');
    expect(lines).toEqual([expect.stringMatching(/already done .*; nothing to import$/)]);
    expect(await fixtures()).toBe(SUBSET_MATCHES);
  }, 120_000);

  it('When a start is stopped after its first season, then the next start imports only the rest and ends with every match once', async () => {
    const stop = new AbortController();
    // Shutdown arrives once the first league's season is in: the run stops before the next step.
    const stopAfterE0 = (line: string) => {
      lines.push(line);
      if (/E0: 1 season/.test(line)) stop.abort();
    };
    const stoppedRun = await runBootstrap(
      { ...deps(), log: stopAfterE0 },
      opts({ signal: stop.signal }),
    );

    expect(stoppedRun.status).toBe('aborted');
    expect(await getBootstrapState(db)).toMatchObject({ status: 'running', owner: null });

    const resumed = await runBootstrap(deps('host:2'), opts());

    expect(resumed).toMatchObject({ status: 'done', files: 1 });
    expect(lines.join('\n')).toMatch(/resuming, 1 seasons already imported/);
    expect(await fixtures()).toBe(SUBSET_MATCHES);
  }, 120_000);

  it('When two processes start together, then one imports and the other waits for it to finish', async () => {
    const [a, b] = await Promise.all([
      runBootstrap(deps('host:a'), opts()),
      runBootstrap(deps('host:b'), opts()),
    ]);

    expect([a.status, b.status].sort()).toEqual(['done', 'done-elsewhere']);
    expect(lines.filter((l) => /importing the bundled history/.test(l))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/another process \(host:[ab]\) is importing the history/);
    expect(await fixtures()).toBe(SUBSET_MATCHES);
  }, 120_000);

  it('When the process holding the lease died, then another takes over once the lease expires', async () => {
    await openBootstrap(db, { status: 'running' });
    expect(await acquireBootstrapLease(db, 'dead:1', 300)).toBe(true);

    const result = await runBootstrap(deps('host:2'), opts());

    expect(result.status).toBe('done');
    expect(lines.join('\n')).toMatch(/another process \(dead:1\)/);
    expect(await fixtures()).toBe(SUBSET_MATCHES);
  }, 120_000);

  it('When the database already holds matches of those leagues, then it records done and imports nothing', async () => {
    await importFootballDataFile(db, join(historyDir, 'E0', 'season-2425.csv'), { league: 'E0' });

    const result = await runBootstrap(deps(), opts());

    expect(result.status).toBe('already-done');
    expect(await getBootstrapState(db)).toMatchObject({
      status: 'done',
      detail: expect.stringMatching(/skipped: the database already held 380 matches/),
    });
    expect(await fixtures()).toBe(380);
  }, 60_000);

  it('When the history directory is missing, then it fails with the path and records nothing', async () => {
    const result = await runBootstrap(deps(), opts({ historyDir: join(tmp, 'nowhere') }));

    expect(result).toEqual({
      status: 'failed',
      error: expect.stringMatching(/no history directory at .*nowhere/),
    });
    expect(await getBootstrapState(db)).toBeNull();
  });
});
