import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testEngines, type TestDatabase } from '@test-support/databases';
import type { Db } from '../create-db';
import { migrateLatest } from '../migrate';
import {
  claimOutboxDelivery,
  confirmOutboxDelivery,
  deleteOutboxDeliveriesBefore,
  listGroupDeliveriesSince,
  listOutboxDeliveries,
  releaseOutboxDelivery,
} from './outbox-deliveries.repository';

const at = (s: string) => new Date(`2026-03-01T12:${s}Z`);

describe.each(testEngines)('outbox deliveries on %s', (_engine, makeDb) => {
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

  it('When a part is claimed twice, then only the first claim wins and the confirmed id reads back', async () => {
    const chatId = 9_007_199_254_740; // past 32 bits, as Telegram ids are
    expect(
      await claimOutboxDelivery(db, { jobId: 'j1', part: 0, chatId, sentAt: at('00:00') }),
    ).toBe(true);
    expect(
      await claimOutboxDelivery(db, { jobId: 'j1', part: 0, chatId, sentAt: at('00:01') }),
    ).toBe(false);
    expect(
      await claimOutboxDelivery(db, { jobId: 'j1', part: 1, chatId, sentAt: at('00:02') }),
    ).toBe(true);
    await confirmOutboxDelivery(db, 'j1', 0, 4_000_000_001);

    expect(await listOutboxDeliveries(db, 'j1')).toEqual([
      { jobId: 'j1', part: 0, chatId, messageId: 4_000_000_001, sentAt: at('00:00') },
      { jobId: 'j1', part: 1, chatId, messageId: null, sentAt: at('00:02') },
    ]);
  });

  it('When a claim is released, then it can be claimed again, but a confirmed part stays', async () => {
    await claimOutboxDelivery(db, { jobId: 'j2', part: 0, chatId: 5, sentAt: at('01:00') });
    await releaseOutboxDelivery(db, 'j2', 0);
    expect(await listOutboxDeliveries(db, 'j2')).toEqual([]);
    expect(
      await claimOutboxDelivery(db, { jobId: 'j2', part: 0, chatId: 5, sentAt: at('01:01') }),
    ).toBe(true);
    await confirmOutboxDelivery(db, 'j2', 0, 77);
    await releaseOutboxDelivery(db, 'j2', 0);
    expect(await listOutboxDeliveries(db, 'j2')).toHaveLength(1);
  });

  it('When group deliveries are read since a time, then only negative chat ids from then on come back, oldest first', async () => {
    await claimOutboxDelivery(db, { jobId: 'g2', part: 0, chatId: -1001, sentAt: at('02:30') });
    await claimOutboxDelivery(db, { jobId: 'g1', part: 0, chatId: -1001, sentAt: at('02:10') });
    await claimOutboxDelivery(db, { jobId: 'g0', part: 0, chatId: -1002, sentAt: at('01:00') });
    await claimOutboxDelivery(db, { jobId: 'p1', part: 0, chatId: 42, sentAt: at('02:20') });

    const rows = await listGroupDeliveriesSince(db, at('02:00'));

    expect(rows.map((r) => [r.jobId, r.chatId])).toEqual([
      ['g1', -1001],
      ['g2', -1001],
    ]);
  });

  it('When old deliveries are pruned, then rows before the cut go and later ones stay', async () => {
    const deleted = await deleteOutboxDeliveriesBefore(db, at('02:00'));
    expect(deleted).toBe(4); // j1 ×2, j2, g0: every row sent before 12:02
    expect(await listOutboxDeliveries(db, 'g2')).toHaveLength(1);
    expect(await listOutboxDeliveries(db, 'j1')).toEqual([]);
  });
});
