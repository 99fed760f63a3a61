import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@scoreline/config';
import {
  createDb,
  insertPrediction,
  migrateLatest,
  sealPendingPredictions,
  upsertLeague,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { capture } from '../test-support/capture';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-ledger-cli-'));
const env = { DATA_DIR: tmp };
let db: Db;
let ids: number[] = [];
let input: Parameters<typeof insertPrediction>[1];

beforeAll(async () => {
  db = createDb(loadConfig(env).db);
  await migrateLatest(db);
  await upsertLeague(db, { code: 'E0', name: 'Premier League' });
  const home = (await upsertTeam(db, { name: 'Arsenal' })).id;
  const away = (await upsertTeam(db, { name: 'Chelsea' })).id;
  // Not linked to a fixture: the ledger seals predictions of a bare pair of names too.
  input = {
    ...{ leagueCode: 'E0', homeTeamId: home, awayTeamId: away, modelVersion: 'v1' },
    ...{ pHome: 0.5, pDraw: 0.3, pAway: 0.2 },
    requestedAt: new Date('2026-05-01T10:00:00Z'),
    inputs: {},
    markets: { btts: { yes: 0.52, no: 0.48 } },
  };
  ids = [await insertPrediction(db, input), await insertPrediction(db, input)];
  await sealPendingPredictions(db);
});
afterAll(async () => {
  await db.destroy();
  rmSync(tmp, { recursive: true, force: true });
});

describe('scoreline ledger verify', () => {
  it('When the chain is intact, then it prints the records checked and the head hash and exits 0', async () => {
    const io = capture();

    expect(await main(['ledger', 'verify'], io.output, env)).toBe(0);

    expect(io.out).toEqual([
      expect.stringMatching(
        /^ledger intact: 2 record\(s\) checked, head [0-9a-f]{64} \(record 2\)$/,
      ),
    ]);
  });

  it('When a prediction is stored and not sealed yet, then the chain is still intact and the waiting one is counted', async () => {
    await insertPrediction(db, input);
    const io = capture();

    expect(await main(['ledger', 'verify'], io.output, env)).toBe(0);

    expect(io.out).toEqual([
      expect.stringMatching(
        /^ledger intact: 2 record\(s\) checked, head [0-9a-f]{64} \(record 2\); 1 newer prediction\(s\) waiting to be sealed/,
      ),
    ]);
  });

  it('When the arguments are wrong, then it exits 2 with the usage', async () => {
    const io = capture();

    expect(await main(['ledger'], io.output, env)).toBe(2);
    expect(await main(['ledger', 'verify', 'now'], io.output, env)).toBe(2);

    expect(io.err).toContain('ledger needs verify');
    expect(io.err.some((l) => l.startsWith('usage: scoreline ledger verify'))).toBe(true);
  });

  it('When a stored prediction was edited, then it exits 1 naming the first broken record', async () => {
    await db.writer('predictions').where({ id: ids[1] }).update({ p_home: 0.9 });
    const io = capture();

    expect(await main(['ledger', 'verify'], io.output, env)).toBe(1);

    expect(io.err[0]).toBe(
      `ledger BROKEN (prediction-edited): record 2 (prediction ${ids[1]}, no fixture Arsenal – Chelsea): the stored prediction was edited after it was sealed (pHome)`,
    );
    expect(io.err[1]).toMatch(
      /^1 record\(s\) intact before it; head as stored: [0-9a-f]{64} \(record 2\)$/,
    );
  });
});
