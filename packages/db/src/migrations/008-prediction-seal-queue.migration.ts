import type { Knex } from 'knex';

/**
 * Predictions waiting for their ledger record. Sealing moved out of the insert: the worker stores
 * a forecast with one statement and seals what waits here in batches, a second later at most
 * (prediction-ledger.repository.ts `sealPendingPredictions`), so a reply never waits on the
 * ledger head's lock. The database itself queues every new prediction (a trigger), so a row
 * stored by any path is sealed or shows in `ledger verify` as waiting; one neither sealed nor
 * waiting is a break. No cascade: deleting a waiting prediction is refused like a sealed one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('prediction_seal_queue', (t) => {
    t.integer('prediction_id').primary().references('id').inTable('predictions');
  });
  if (isPg(knex)) {
    await knex.raw(`
      CREATE FUNCTION queue_prediction_seal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO prediction_seal_queue (prediction_id) VALUES (NEW.id);
        RETURN NEW;
      END $$`);
    await knex.raw(`
      CREATE TRIGGER predictions_queue_seal AFTER INSERT ON predictions
      FOR EACH ROW EXECUTE FUNCTION queue_prediction_seal()`);
  } else {
    await knex.raw(`
      CREATE TRIGGER predictions_queue_seal AFTER INSERT ON predictions
      BEGIN
        INSERT INTO prediction_seal_queue (prediction_id) VALUES (NEW.id);
      END`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw('DROP TRIGGER IF EXISTS predictions_queue_seal ON predictions');
    await knex.raw('DROP FUNCTION IF EXISTS queue_prediction_seal()');
  } else {
    await knex.raw('DROP TRIGGER IF EXISTS predictions_queue_seal');
  }
  await knex.schema.dropTableIfExists('prediction_seal_queue');
}

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: unknown } }).config.client === 'pg';
}
