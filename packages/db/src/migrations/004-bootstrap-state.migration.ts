import type { Knex } from 'knex';

/**
 * The first-start bootstrap's progress, in the shared database so that every process sees it:
 * one `bootstrap` row (status and the lease of the process doing it; the api reads it for
 * /readyz) and one `done` row per finished step (a history file imported, a league trained), so
 * a bootstrap killed halfway resumes where it stopped.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('bootstrap_state', (t) => {
    // `bootstrap`, `import:E0/season-9394.csv`, `train:E0`.
    t.string('step', 255).primary();
    t.enu('status', ['running', 'done', 'failed']).notNullable();
    t.text('detail').nullable();
    // The lease: the process (host:pid) doing the bootstrap, until when.
    t.string('owner', 128).nullable();
    t.timestamp('lease_until', { useTz: true }).nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('bootstrap_state');
}
