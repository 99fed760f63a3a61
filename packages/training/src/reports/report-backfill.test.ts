import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  findReport,
  migrateLatest,
  registerModel,
  saveReport,
  upsertLeague,
  type Db,
} from '@scoreline/db';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retrainLeague } from '../retrain/retrain';
import { backfillReport } from './report-backfill';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-report-backfill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0d, 0x0a]);

describe.each(testEngines)('report backfill on %s', (engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  const reportsDir = join(tmp, engine, 'reports');
  const trainedAt = new Date('2025-06-01T00:00:00Z');

  /** A champion registered before migration 003: its report exists only as files. */
  async function oldChampion(league: string, version: string, files: boolean) {
    await upsertLeague(db, { code: league, name: `League ${league}` });
    await registerModel(db, {
      leagueCode: league,
      kind: 'production',
      version,
      trainedAt,
      metrics: {},
      artifactPath: `${league}/${version}.json`,
      sha256: '0'.repeat(64),
      status: 'champion',
    });
    if (files) {
      mkdirSync(join(reportsDir, league), { recursive: true });
      writeFileSync(join(reportsDir, league, `${version}.md`), `# ${league} ${version} — отчёт\n`);
      writeFileSync(join(reportsDir, league, `${version}.png`), PNG);
    }
  }

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
  });
  afterAll(() => handle.dispose());

  it('When a champion has its report only as files, then even a retrain that skips stores it in the database', async () => {
    await oldChampion('E0', 'old-1', true);
    const lines: string[] = [];

    const result = await retrainLeague(
      {
        db,
        registryDir: join(tmp, engine, 'artifacts'),
        reportsDir,
        keep: 5,
        progress: (l) => lines.push(l),
      },
      { league: 'E0' },
    );

    expect(result.status).toBe('skipped');
    const stored = await findReport(db, 'E0', 'old-1');
    expect(stored?.markdown).toBe('# E0 old-1 — отчёт\n');
    expect(stored?.png.equals(PNG)).toBe(true);
    expect(stored?.createdAt).toEqual(trainedAt);
    expect(lines).toContain('E0: stored the report of champion old-1 in the database');
  });

  it('When the database already has the report, then the files do not overwrite it', async () => {
    await oldChampion('D1', 'old-2', true);
    await saveReport(db, { leagueCode: 'D1', modelVersion: 'old-2', markdown: 'db', png: PNG });

    const copied = await backfillReport(db, reportsDir, {
      leagueCode: 'D1',
      version: 'old-2',
      trainedAt,
    });

    expect(copied).toBe(false);
    expect((await findReport(db, 'D1', 'old-2'))?.markdown).toBe('db');
  });

  it('When the report files are missing, then nothing is stored', async () => {
    await oldChampion('I1', 'old-3', false);

    const copied = await backfillReport(db, reportsDir, {
      leagueCode: 'I1',
      version: 'old-3',
      trainedAt,
    });

    expect(copied).toBe(false);
    expect(await findReport(db, 'I1', 'old-3')).toBeNull();
  });
});
