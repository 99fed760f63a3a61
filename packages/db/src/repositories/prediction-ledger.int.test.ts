// The prediction ledger on both engines: predictions wait in the seal queue until a sealer
// chains them, the chain it builds, that an edited or deleted row is found and named, and that
// concurrent writers and sealers (Postgres connections, SQLite processes) never fork it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Db } from '../create-db';
import { migrateLatest } from '../migrate';
import { StaticMigrationSource } from '../migrations/migration-source';
import { upsertFixture } from './fixtures.repository';
import { upsertLeague } from './leagues.repository';
import { ledgerHead, sealPendingPredictions } from './prediction-ledger.repository';
import { verifyLedger } from './prediction-ledger.verify';
import { insertPrediction, type PredictionInput } from './predictions.repository';
import { upsertTeam } from './teams.repository';

const GENESIS = '0'.repeat(64);
const KICKOFF = new Date('2026-05-02T14:00:00.000Z');

describe.each(testEngines)('prediction ledger on %s', (engine, makeDb) => {
  // Fresh per test: each one tampers with what it stored.
  let handle: TestDatabase, db: Db;
  let base: PredictionInput, fixtureId: number;

  beforeEach(async () => {
    handle = await makeDb();
    db = handle.db;
    await migrateLatest(db);
    const league = await upsertLeague(db, { code: 'E0', name: 'Premier League' });
    const home = (await upsertTeam(db, { name: 'Arsenal' })).id;
    const away = (await upsertTeam(db, { name: 'Chelsea' })).id;
    fixtureId = (
      await upsertFixture(db, {
        leagueId: league.id,
        kickoffAt: KICKOFF,
        homeTeamId: home,
        awayTeamId: away,
        status: 'scheduled',
        source: 'test',
      })
    ).id;
    base = {
      fixtureId,
      leagueCode: 'E0',
      homeTeamId: home,
      awayTeamId: away,
      modelVersion: '20260501-000000',
      requestedAt: new Date('2026-05-01T09:30:00.123Z'),
      inputs: { note: 'not sealed' },
      pHome: 0.4512345678901234,
      pDraw: 0.27,
      pAway: 0.2787654321098766,
      markets: { ou25: { over: 0.55, under: 0.45 }, btts: { yes: 0.5, no: 0.5 } },
    };
  });
  afterEach(async () => {
    await handle.dispose();
  });

  /** Stores a prediction and seals what waits, as the worker does. */
  const storeSealed = async (input: PredictionInput = base) => {
    const id = await insertPrediction(db, input);
    await sealPendingPredictions(db);
    return id;
  };
  /** `n` writers at once, each storing one prediction and then sealing. */
  const storeConcurrently = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) => storeSealed({ ...base, pDraw: 0.2 + i / 100 })),
    );
  const records = () => db.writer('prediction_ledger').orderBy('seq');

  it('When predictions are stored, then each is sealed in one chain from the genesis hash and verify finds it intact', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await insertPrediction(db, { ...base, pDraw: 0.27 + i / 100 }));
    const sealed = await sealPendingPredictions(db);

    const rows = (await records()) as Array<Record<string, unknown>>;
    const head = await ledgerHead(db);
    const verified = await verifyLedger(db, { pageSize: 2 });

    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(rows.map((r) => Number(r.prediction_id))).toEqual(ids);
    expect(rows[0]!.prev_hash).toBe(GENESIS);
    for (const [i, r] of rows.entries()) {
      const expected = createHash('sha256')
        .update(String(r.prev_hash) + String(r.content_json))
        .digest('hex');
      expect(r.hash).toBe(expected);
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]!.hash);
    }
    expect(JSON.parse(String(rows[0]!.content_json))).toEqual({
      v: 1,
      prediction: {
        id: ids[0],
        fixtureId,
        league: 'E0',
        homeTeamId: base.homeTeamId,
        awayTeamId: base.awayTeamId,
        modelVersion: '20260501-000000',
        requestedAt: '2026-05-01T09:30:00.123Z',
        pHome: 0.4512345678901234,
        pDraw: 0.27,
        pAway: 0.2787654321098766,
        markets: { btts: { no: 0.5, yes: 0.5 }, ou25: { over: 0.55, under: 0.45 } },
      },
      match: { home: 'Arsenal', away: 'Chelsea', kickoffAt: KICKOFF.toISOString() },
    });
    expect(String(rows[0]!.content_json)).toMatch(/^\{"match":\{"away":"Chelsea",/);
    expect(sealed).toEqual({ sealed: 3, head });
    expect(head).toEqual({ seq: 3, hash: rows[2]!.hash });
    expect(verified).toEqual({ ok: true, records: 3, head, pending: 0 });
  });

  it('When a prediction is stored, then it waits in the seal queue, verify counts it as pending, and it cannot be deleted', async () => {
    const sealedId = await storeSealed();
    const waitingId = await insertPrediction(db, base);

    const queued = await db.writer('prediction_seal_queue').pluck('prediction_id');
    const verified = await verifyLedger(db);
    const deleted = await db
      .writer('predictions')
      .where({ id: waitingId })
      .delete()
      .then(
        () => 'deleted',
        () => 'refused',
      );

    expect(queued.map(Number)).toEqual([waitingId]);
    expect(verified).toMatchObject({ ok: true, records: 1, pending: 1 });
    expect(deleted).toBe('refused');
    expect(await sealPendingPredictions(db)).toMatchObject({ sealed: 1, head: { seq: 2 } });
    expect(await sealPendingPredictions(db)).toMatchObject({ sealed: 0, head: { seq: 2 } });
    expect(
      ((await records()) as Array<Record<string, unknown>>).map((r) => Number(r.prediction_id)),
    ).toEqual([sealedId, waitingId]);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, records: 2, pending: 0 });
  });

  it('When more predictions wait than a sealer takes, then each call seals the oldest ones and the chain stays whole', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertPrediction(db, base));

    const first = await sealPendingPredictions(db, { limit: 3 });
    const second = await sealPendingPredictions(db, { limit: 3 });

    expect([first.sealed, second.sealed]).toEqual([3, 2]);
    expect(
      ((await records()) as Array<Record<string, unknown>>).map((r) => Number(r.prediction_id)),
    ).toEqual(ids);
    expect(await verifyLedger(db)).toEqual({ ok: true, records: 5, head: second.head, pending: 0 });
  });

  it("When a stored prediction's probabilities are edited in SQL, then verify names that prediction, its record and its match", async () => {
    const [, second] = [await storeSealed(), await storeSealed()];
    await storeSealed();

    await db.writer('predictions').where({ id: second }).update({ p_home: 0.6, p_away: 0.13 });
    const verified = await verifyLedger(db);

    expect(verified).toMatchObject({
      ok: false,
      records: 1,
      broken: { kind: 'prediction-edited', seq: 2, predictionId: second },
    });
    expect(!verified.ok && verified.broken.message).toBe(
      `record 2 (prediction ${second}, fixture ${fixtureId} Arsenal – Chelsea, kick-off 2026-05-02T14:00:00.000Z): the stored prediction was edited after it was sealed (pAway, pHome)`,
    );
  });

  it('When a ledger record is deleted, then verify reports the chain broken at the record after it', async () => {
    for (let i = 0; i < 4; i++) await storeSealed();

    await db.writer('prediction_ledger').where({ seq: 2 }).delete();
    const verified = await verifyLedger(db);

    expect(verified).toMatchObject({
      ok: false,
      records: 1,
      broken: { kind: 'record-missing', seq: 3 },
    });
    expect(!verified.ok && verified.broken.message).toContain('records 2..2 are missing (deleted)');
  });

  it('When the last records are deleted, then verify finds the head beyond the chain', async () => {
    for (let i = 0; i < 3; i++) await storeSealed();

    await db.writer('prediction_ledger').where('seq', '>', 1).delete();
    const verified = await verifyLedger(db);

    expect(verified).toMatchObject({
      ok: false,
      records: 1,
      broken: { kind: 'head-mismatch', seq: 2 },
    });
  });

  it('When the head is set back to an earlier record, then verify finds the records beyond it', async () => {
    for (let i = 0; i < 3; i++) await storeSealed();
    const [first] = (await records()) as Array<Record<string, unknown>>;

    await db.writer('prediction_ledger_head').update({ seq: 1, hash: first!.hash });
    const verified = await verifyLedger(db);

    expect(verified).toMatchObject({
      ok: false,
      records: 1,
      broken: { kind: 'head-mismatch', seq: 2 },
    });
    expect(!verified.ok && verified.broken.message).toBe(
      'records 2..3 lie beyond the head (record 1): the head was set back',
    );
  });

  it('When a record is deleted and the later ones renumbered, then the previous hash gives it away', async () => {
    for (let i = 0; i < 3; i++) await storeSealed();

    await db.writer('prediction_ledger').where({ seq: 2 }).delete();
    await db.writer('prediction_ledger').where({ seq: 3 }).update({ seq: 2 });
    await db.writer('prediction_ledger_head').update({ seq: 2 });
    const verified = await verifyLedger(db);

    expect(verified).toMatchObject({ ok: false, broken: { kind: 'record-missing', seq: 2 } });
    expect(!verified.ok && verified.broken.message).toContain("previous hash is not record 1's");
  });

  it('When a sealed prediction is deleted, then the database refuses it alone, and deleted with its record it is detected', async () => {
    const first = await storeSealed();
    await storeSealed();

    const alone = await db
      .writer('predictions')
      .where({ id: first })
      .delete()
      .then(
        () => 'deleted',
        () => 'refused',
      );
    await db.writer('prediction_ledger').where({ prediction_id: first }).delete();
    await db.writer('predictions').where({ id: first }).delete();
    const verified = await verifyLedger(db);

    expect(alone).toBe('refused');
    expect(verified).toMatchObject({
      ok: false,
      records: 0,
      broken: { kind: 'record-missing', seq: 2 },
    });
  });

  it("When a record's sealed content is edited, then verify says the record was edited", async () => {
    const id = await storeSealed();
    const [row] = (await records()) as Array<Record<string, unknown>>;

    await db
      .writer('prediction_ledger')
      .where({ seq: 1 })
      .update({ content_json: String(row!.content_json).replace('0.27', '0.28') });
    const verified = await verifyLedger(db);

    expect(verified).toMatchObject({
      ok: false,
      records: 0,
      broken: { kind: 'record-edited', seq: 1, predictionId: id },
    });
  });

  it('When a prediction is stored around the ledger, then verify names it as unrecorded', async () => {
    await storeSealed();
    const [row] = (await db.writer('predictions').select('*')) as Array<Record<string, unknown>>;
    const { id: _id, ...copy } = row!;
    await db.writer('predictions').insert(copy);
    await db.writer('prediction_seal_queue').delete();

    const verified = await verifyLedger(db);

    expect(verified).toMatchObject({
      ok: false,
      records: 1,
      broken: { kind: 'unrecorded', seq: null },
    });
    expect(!verified.ok && verified.broken.message).toMatch(
      /^prediction \d+ \(fixture \d+\) has no ledger record/,
    );
  });

  it('When predictions predate the ledger, then its migration seals them in id order', async () => {
    const ids = [await insertPrediction(db, base), await insertPrediction(db, base)];
    const config = { migrationSource: new StaticMigrationSource(), tableName: 'knex_migrations' };
    // Back to before 006, one migration at a time (008 and 007 go first), then forward again.
    for (let i = 0; i < 3; i++) await db.writer.migrate.down(config);
    await migrateLatest(db);

    const rows = (await records()) as Array<Record<string, unknown>>;

    expect(rows.map((r) => Number(r.prediction_id))).toEqual(ids);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, records: 2 });
  });

  it('When many writers store and seal predictions at once, then the chain has no fork and verifies', async () => {
    const parallel = storeConcurrently(30);
    const others =
      engine === 'sqlite'
        ? [writerProcess(db.sqlitePath!, 25), writerProcess(db.sqlitePath!, 25)]
        : [];
    const ids = [...(await parallel), ...(await Promise.all(others)).flat()];
    await sealPendingPredictions(db);

    const rows = (await records()) as Array<Record<string, unknown>>;
    const verified = await verifyLedger(db, { pageSize: 7 });

    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
    expect(rows.map((r) => Number(r.prediction_id)).sort((a, b) => a - b)).toEqual(
      [...ids].sort((a, b) => a - b),
    );
    expect(verified).toMatchObject({ ok: true, records: engine === 'sqlite' ? 80 : 30 });
  }, 60_000);

  /** Another process storing `count` predictions into the same SQLite file. */
  function writerProcess(path: string, count: number): Promise<number[]> {
    const child = fork(
      join(__dirname, '..', 'test-support', 'ledger-writer.child.js'),
      [path, JSON.stringify(base), String(count)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    return new Promise((resolve, reject) => {
      child.on('message', (m: { type: string; ids: number[] }) => resolve(m.ids));
      child.on('exit', (code) => {
        if (code !== 0) reject(new Error(`ledger writer exited with ${code}`));
      });
    });
  }
});
