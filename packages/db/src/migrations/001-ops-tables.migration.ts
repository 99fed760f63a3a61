import type { Knex } from 'knex';

/** Liveness rows for worker/tgbot when Redis is absent, and the job audit trail. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('heartbeats', (t) => {
    t.string('role', 32).notNullable();
    t.string('instance', 128).notNullable();
    t.timestamp('beat_at', { useTz: true }).notNullable();
    t.primary(['role', 'instance']);
  });
  await knex.schema.createTable('job_runs', (t) => {
    t.increments('id');
    t.string('job_name', 64).notNullable();
    t.string('job_key', 255).nullable();
    t.text('payload_summary').nullable();
    t.enu('status', ['running', 'succeeded', 'failed']).notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true }).nullable();
    t.text('result').nullable();
    t.text('error').nullable();
    t.index(['job_name', 'started_at'], 'job_runs_name_started_idx');
    t.index(['started_at'], 'job_runs_started_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_runs');
  await knex.schema.dropTable('heartbeats');
}
