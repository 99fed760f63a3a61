import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  countUnsealedPredictions,
  insertPrediction,
  ledgerHead,
  migrateLatest,
  upsertLeague,
  upsertTeam,
  verifyLedger,
  type Db,
  type PredictionInput,
} from '@scoreline/db';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { createLedgerSealer } from './ledger-sealer';

describe.each(testEngines)('ledger sealer on %s', (_engine, makeDb) => {
  let handle: TestDatabase, db: Db, input: PredictionInput;
  const warnings: string[] = [];
  const logger = { warn: (line: string) => void warnings.push(line) };

  beforeEach(async () => {
    handle = await makeDb();
    db = handle.db;
    await migrateLatest(db);
    warnings.length = 0;
    await upsertLeague(db, { code: 'E0', name: 'Premier League' });
    input = {
      leagueCode: 'E0',
      homeTeamId: (await upsertTeam(db, { name: 'Arsenal' })).id,
      awayTeamId: (await upsertTeam(db, { name: 'Chelsea' })).id,
      modelVersion: 'v1',
      inputs: {},
      pHome: 0.5,
      pDraw: 0.3,
      pAway: 0.2,
      markets: null,
    };
  });
  afterEach(async () => {
    await handle.dispose();
  });

  const store = async (n: number) => {
    for (let i = 0; i < n; i++) await insertPrediction(db, input);
  };
  const until = async (done: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 5_000; !(await done());) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('When predictions are stored and a seal is requested for each, then one run seals them all within the delay', async () => {
    const sealer = createLedgerSealer({ db, logger, delayMs: 50 });
    await store(3);
    for (let i = 0; i < 3; i++) sealer.request();

    await until(async () => (await countUnsealedPredictions(db)) === 0);
    const stamps = await db.writer('prediction_ledger').pluck('created_at');

    expect((await ledgerHead(db, 'writer')).seq).toBe(3);
    expect(new Set(stamps.map(String)).size).toBe(1);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, records: 3, pending: 0 });
    await sealer.close();
  });

  it('When more predictions wait than one batch holds, then a flush seals every one', async () => {
    const sealer = createLedgerSealer({ db, logger, delayMs: 60_000 });
    await store(230);

    await sealer.flush();

    expect(await verifyLedger(db)).toMatchObject({ ok: true, records: 230, pending: 0 });
    await sealer.close();
  });

  it('When the database fails, then it warns once, keeps the predictions waiting, and seals them when it is back', async () => {
    let failures = 3;
    const flaky: Db = {
      ...db,
      writer: new Proxy(db.writer, {
        get: (target, prop, receiver): unknown =>
          prop === 'transaction' && failures-- > 0
            ? () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))
            : Reflect.get(target, prop, receiver),
      }),
    };
    const sealer = createLedgerSealer({ db: flaky, logger, delayMs: 20 });
    await store(2);

    sealer.request();
    await until(async () => (await countUnsealedPredictions(db)) === 0);

    expect(warnings).toEqual(['ledger sealing failed; stored predictions wait and it is retried']);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, records: 2 });
    await sealer.close();
  });

  it('When the sealer is closed, then what waits is sealed and later requests do nothing', async () => {
    const sealer = createLedgerSealer({ db, logger, delayMs: 60_000 });
    await store(2);
    sealer.request();

    await sealer.close();
    await store(1);
    sealer.request();
    await new Promise((r) => setTimeout(r, 50));

    expect((await ledgerHead(db, 'writer')).seq).toBe(2);
    expect(await countUnsealedPredictions(db)).toBe(1);
  });
});
