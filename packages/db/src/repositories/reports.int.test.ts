import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testEngines, type TestDatabase } from '@test-support/databases';
import type { Db } from '../create-db';
import { migrateLatest } from '../migrate';
import { registerModel, setModelStatus } from './models.repository';
import { findReport, latestReport, pruneReports, saveReport } from './reports.repository';

// Every byte value, a NUL first: a text column or an encoding step on the way would mangle it.
const PNG = Buffer.from([0x00, ...Array.from({ length: 256 }, (_, i) => i), 0x89, 0x50]);

describe.each(testEngines)('model reports on %s', (_engine, makeDb) => {
  let handle: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    handle = await makeDb();
    db = handle.db;
    await migrateLatest(db);
  });
  afterAll(async () => {
    await handle.dispose();
  });

  const model = (league: string, version: string) =>
    registerModel(db, {
      leagueCode: league,
      kind: 'production',
      version,
      trainedAt: new Date('2026-01-01T00:00:00Z'),
      metrics: {},
      artifactPath: `${league}/${version}.json`,
      sha256: '0'.repeat(64),
    });

  it('When a report is saved, then it reads back byte for byte by version and as the latest', async () => {
    const markdown = '# Премьер-лига (E0)\n\n| RPS | 0.1987 |\n';
    await saveReport(db, {
      leagueCode: 'E0',
      modelVersion: 'v1',
      markdown: 'old',
      png: Buffer.from([1]),
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
    await saveReport(db, {
      leagueCode: 'E0',
      modelVersion: 'v2',
      markdown,
      png: PNG,
      createdAt: new Date('2026-01-02T00:00:00Z'),
    });

    const byVersion = await findReport(db, 'E0', 'v2');
    const latest = await latestReport(db, 'E0');

    expect(byVersion).toMatchObject({
      leagueCode: 'E0',
      modelVersion: 'v2',
      createdAt: new Date('2026-01-02T00:00:00Z'),
      markdown,
    });
    expect(Buffer.isBuffer(byVersion!.png)).toBe(true);
    expect(byVersion!.png.equals(PNG)).toBe(true);
    expect(latest?.modelVersion).toBe('v2');
    expect((await findReport(db, 'E0', 'v1'))?.markdown).toBe('old');
  });

  it('When a version is saved again, then its one row holds the new report', async () => {
    await saveReport(db, { leagueCode: 'D1', modelVersion: 'v1', markdown: 'a', png: PNG });
    const again = await saveReport(db, {
      leagueCode: 'D1',
      modelVersion: 'v1',
      markdown: 'b',
      png: Buffer.from([7, 8]),
    });

    const rows = await db.writer('model_reports').where({ league_code: 'D1' });

    expect(rows).toHaveLength(1);
    expect(again).toMatchObject({ markdown: 'b', png: Buffer.from([7, 8]) });
    expect((await findReport(db, 'D1', 'v1'))?.png).toEqual(Buffer.from([7, 8]));
  });

  it('When a league or version has no report, then the lookups answer null', async () => {
    expect(await findReport(db, 'E0', 'nope')).toBeNull();
    expect(await latestReport(db, 'SP1')).toBeNull();
    expect(await pruneReports(db, 'SP1', 3)).toEqual([]);
  });

  it('When a league has more reports than it keeps, then the oldest go but the champion and the previous champion keep theirs', async () => {
    const versions = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    for (const v of versions) {
      await model('I1', v);
      await saveReport(db, { leagueCode: 'I1', modelVersion: v, markdown: v, png: PNG });
    }
    const ids = Object.fromEntries(
      (await db.writer('models').where({ league_code: 'I1' }).select('id', 'version')).map(
        (r: { id: unknown; version: unknown }) => [String(r.version), Number(r.id)],
      ),
    );
    // p1 was champion before p2, which serves now; p3 is a challenger nobody promoted.
    await setModelStatus(db, ids.p1!, 'champion', new Date('2026-01-01T00:00:00Z'));
    await setModelStatus(db, ids.p2!, 'champion', new Date('2026-01-02T00:00:00Z'));
    await saveReport(db, { leagueCode: 'E0', modelVersion: 'other', markdown: 'x', png: PNG });

    const pruned = await pruneReports(db, 'I1', 2);

    expect(pruned.sort()).toEqual(['p3', 'p4']);
    const left = (await db.writer('model_reports').where({ league_code: 'I1' })).map(
      (r: { model_version: unknown }) => String(r.model_version),
    );
    expect(left.sort()).toEqual(['p1', 'p2', 'p5', 'p6']);
    expect(await findReport(db, 'E0', 'other')).not.toBeNull();
    expect(await pruneReports(db, 'I1', 2)).toEqual([]);
  });
});
