import type { Knex } from 'knex';
import { appendRecords, GENESIS_HASH } from '../repositories/prediction-ledger.content';

/** Predictions sealed per statement when existing ones are sealed (SQLite's variable limit). */
const BACKFILL_PAGE = 100;

/**
 * The prediction ledger (tamper-evident record): one record per stored prediction, each hash
 * covering the record's content and the previous hash, and the one-row head that writers lock so
 * the chain never forks. Predictions stored before this migration are sealed here, in id order,
 * as they are found now.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('prediction_ledger', (t) => {
    // Assigned from the head, not by the engine: a gap must mean a deleted record.
    t.integer('seq').primary();
    // No cascade: deleting a sealed prediction must be refused, not silently take its record.
    t.integer('prediction_id').notNullable().unique().references('id').inTable('predictions');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.text('content_json').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
  });
  await knex.schema.createTable('prediction_ledger_head', (t) => {
    t.integer('id').primary();
    t.integer('seq').notNullable();
    t.string('hash', 64).notNullable();
  });
  let head = { seq: 0, hash: GENESIS_HASH };
  await knex('prediction_ledger_head').insert({ id: 1, ...head });

  const now = new Date().toISOString();
  for (let after = 0; ;) {
    const ids = (
      (await knex('predictions')
        .where('id', '>', after)
        .orderBy('id')
        .limit(BACKFILL_PAGE)
        .pluck('id')) as unknown[]
    ).map(Number);
    if (ids.length === 0) break;
    head = await appendRecords(knex, head, ids, now);
    after = ids[ids.length - 1]!;
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('prediction_ledger_head');
  await knex.schema.dropTable('prediction_ledger');
}
