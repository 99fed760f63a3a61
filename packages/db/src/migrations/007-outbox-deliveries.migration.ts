import type { Knex } from 'knex';

/**
 * One row per part of an outbox message handed to Telegram (broadcast pacing): claimed before
 * the send, its message id recorded after. A consumer that restarts mid-broadcast skips parts
 * already claimed, so nothing is sent twice; and the last minute of group rows rebuilds the
 * 20-per-minute group window. No foreign key to chats: a delivery is a fact about Telegram, kept
 * even for a chat row that goes away, and pruned by age (the worker's `cleanup` task).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox_deliveries', (t) => {
    // The queue's job id (the producer's deterministic id when it gave one).
    t.string('job_id', 200).notNullable();
    // 0-based index of the part among the message's split parts.
    t.integer('part').notNullable();
    t.bigInteger('chat_id').notNullable();
    // Null while the send is under way (or when the process died before recording it).
    t.bigInteger('message_id').nullable();
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.primary(['job_id', 'part']);
    t.index(['sent_at'], 'outbox_deliveries_sent_at_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('outbox_deliveries');
}
