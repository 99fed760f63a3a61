import type { Knex } from 'knex';

/**
 * Retrain reports (Markdown and the calibration chart) in the shared database. In the
 * three-container topology each role has its own /data volume, so files the worker writes under
 * REPORTS_DIR never reach the api; the row is what the api serves.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('model_reports', (t) => {
    t.increments('id');
    t.string('league_code', 16).notNullable();
    // The models.version the report describes; no foreign key, because the report is stored
    // before its registry row (a registered model always has its report).
    t.string('model_version', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.text('markdown').notNullable();
    // bytea on Postgres, BLOB on SQLite: both come back as a Buffer.
    t.binary('png').notNullable();
    t.unique(['league_code', 'model_version'], { indexName: 'model_reports_league_version_uq' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('model_reports');
}
