import type { Knex } from 'knex';

// Conventions that keep both engines identical:
// - timestamps are `timestamp with time zone` (Postgres) / ISO-8601 text (SQLite), always
//   written as `Date#toISOString()` by the repositories and read back as Date;
// - calendar dates are 'YYYY-MM-DD' strings (a Postgres `date` would come back as a local-time
//   Date from node-pg, and text sorts correctly);
// - columns in a UNIQUE key are NOT NULL, using '' for "none", because NULLs never collide.

/** Per-match result and statistics columns of `fixtures`, all nullable integers. */
const FIXTURE_STAT_COLUMNS = [
  'home_goals',
  'away_goals',
  'ht_home_goals',
  'ht_away_goals',
  'home_shots',
  'away_shots',
  'home_shots_on_target',
  'away_shots_on_target',
  'home_corners',
  'away_corners',
  'home_fouls',
  'away_fouls',
  'home_yellow',
  'away_yellow',
  'home_red',
  'away_red',
] as const;

/** Football data (DESIGN §4): leagues to subscriptions. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('leagues', (t) => {
    t.increments('id');
    t.string('code', 16).notNullable().unique('leagues_code_uq');
    t.integer('sportmonks_id').nullable().unique('leagues_sportmonks_id_uq');
    t.string('name', 128).notNullable();
    t.string('country', 64).nullable();
  });

  await knex.schema.createTable('seasons', (t) => {
    t.increments('id');
    t.integer('league_id').notNullable().references('id').inTable('leagues').onDelete('CASCADE');
    t.string('name', 16).notNullable();
    t.integer('sportmonks_id').nullable().unique('seasons_sportmonks_id_uq');
    t.string('start_date', 10).nullable();
    t.string('end_date', 10).nullable();
    t.unique(['league_id', 'name'], { indexName: 'seasons_league_name_uq' });
  });

  await knex.schema.createTable('teams', (t) => {
    t.increments('id');
    t.string('name', 128).notNullable();
    t.integer('sportmonks_id').nullable().unique('teams_sportmonks_id_uq');
    t.string('country', 64).nullable();
    t.index(['name'], 'teams_name_idx');
  });

  await knex.schema.createTable('team_aliases', (t) => {
    t.increments('id');
    t.integer('team_id').notNullable().references('id').inTable('teams').onDelete('CASCADE');
    t.string('alias', 128).notNullable();
    t.string('alias_normalised', 128).notNullable();
    t.enu('lang', ['en', 'ru', 'src']).notNullable();
    t.string('source', 32).notNullable();
    // League code, or '' for a global alias: one normalised alias maps to one team per scope.
    t.string('scope', 16).notNullable().defaultTo('');
    t.unique(['scope', 'alias_normalised'], { indexName: 'team_aliases_scope_alias_uq' });
    t.index(['team_id'], 'team_aliases_team_idx');
  });

  await knex.schema.createTable('fixtures', (t) => {
    t.increments('id');
    t.integer('league_id').notNullable().references('id').inTable('leagues');
    t.integer('season_id').nullable().references('id').inTable('seasons').onDelete('SET NULL');
    t.timestamp('kickoff_at', { useTz: true }).notNullable();
    t.string('kickoff_date', 10).notNullable();
    t.integer('home_team_id').notNullable().references('id').inTable('teams');
    t.integer('away_team_id').notNullable().references('id').inTable('teams');
    t.enu('status', ['scheduled', 'live', 'finished', 'postponed', 'cancelled']).notNullable();
    for (const col of FIXTURE_STAT_COLUMNS) t.integer(col).nullable();
    t.integer('sportmonks_id').nullable().unique('fixtures_sportmonks_id_uq');
    t.string('source', 32).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    // The match identity (DESIGN §4); its (league_id, kickoff_date) prefix serves date-range
    // and training queries.
    t.unique(['league_id', 'kickoff_date', 'home_team_id', 'away_team_id'], {
      indexName: 'fixtures_identity_uq',
    });
    t.index(['home_team_id'], 'fixtures_home_team_idx');
    t.index(['away_team_id'], 'fixtures_away_team_idx');
    t.index(['status', 'kickoff_at'], 'fixtures_status_kickoff_idx');
  });

  await knex.schema.createTable('odds', (t) => {
    t.increments('id');
    t.integer('fixture_id').notNullable().references('id').inTable('fixtures').onDelete('CASCADE');
    t.string('bookmaker', 32).notNullable();
    t.string('market', 16).notNullable();
    t.double('line').nullable();
    // Canonical text of `line` ('' when none), so the unique key below has no NULLs.
    t.string('line_key', 16).notNullable().defaultTo('');
    t.enu('kind', ['pre', 'close']).notNullable();
    t.double('price_home').nullable();
    t.double('price_draw').nullable();
    t.double('price_away').nullable();
    t.double('price_over').nullable();
    t.double('price_under').nullable();
    t.timestamp('collected_at', { useTz: true }).notNullable();
    t.string('source', 32).notNullable();
    t.unique(['fixture_id', 'bookmaker', 'market', 'line_key', 'kind'], {
      indexName: 'odds_identity_uq',
    });
  });

  await knex.schema.createTable('models', (t) => {
    t.increments('id');
    t.string('league_code', 16).notNullable();
    t.string('kind', 32).notNullable();
    t.string('version', 64).notNullable();
    t.timestamp('trained_at', { useTz: true }).notNullable();
    t.string('data_from', 10).nullable();
    t.string('data_to', 10).nullable();
    t.text('metrics').notNullable();
    t.string('artifact_path', 512).notNullable();
    t.string('sha256', 64).notNullable();
    t.enu('status', ['champion', 'challenger', 'retired']).notNullable();
    t.timestamp('promoted_at', { useTz: true }).nullable();
    t.unique(['league_code', 'version'], { indexName: 'models_league_version_uq' });
    t.index(['league_code', 'status'], 'models_league_status_idx');
  });
  // The database, not only the repository, guarantees one champion per league. Partial indexes
  // have the same syntax on both engines.
  await knex.raw(
    "CREATE UNIQUE INDEX models_one_champion_uq ON models (league_code) WHERE status = 'champion'",
  );

  await knex.schema.createTable('predictions', (t) => {
    t.increments('id');
    t.integer('fixture_id').nullable().references('id').inTable('fixtures').onDelete('SET NULL');
    t.string('league_code', 16).notNullable();
    t.integer('home_team_id').notNullable().references('id').inTable('teams');
    t.integer('away_team_id').notNullable().references('id').inTable('teams');
    t.string('model_version', 64).notNullable();
    // Telegram chat ids exceed 32 bits.
    t.bigInteger('requested_by').nullable();
    t.timestamp('requested_at', { useTz: true }).notNullable();
    t.text('inputs').notNullable();
    t.double('p_home').notNullable();
    t.double('p_draw').notNullable();
    t.double('p_away').notNullable();
    t.text('markets').notNullable();
    t.timestamp('settled_at', { useTz: true }).nullable();
    t.enu('outcome', ['H', 'D', 'A']).nullable();
    t.integer('home_goals').nullable();
    t.integer('away_goals').nullable();
    t.double('rps').nullable();
    t.double('log_loss').nullable();
    t.double('brier').nullable();
    t.index(['fixture_id'], 'predictions_fixture_idx');
    t.index(['requested_by', 'requested_at'], 'predictions_chat_idx');
    t.index(['league_code', 'requested_at'], 'predictions_league_idx');
  });

  await knex.schema.createTable('chats', (t) => {
    t.bigInteger('chat_id').primary();
    t.enu('language', ['ru', 'en']).notNullable().defaultTo('ru');
    t.string('timezone', 64).notNullable().defaultTo('Europe/Moscow');
    t.boolean('blocked').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('subscriptions', (t) => {
    t.increments('id');
    t.bigInteger('chat_id')
      .notNullable()
      .references('chat_id')
      .inTable('chats')
      .onDelete('CASCADE');
    // League code, or '' for "every league".
    t.string('league_code', 16).notNullable().defaultTo('');
    t.string('time', 5).notNullable();
    t.string('last_sent_on', 10).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['chat_id', 'league_code'], { indexName: 'subscriptions_chat_league_uq' });
    t.index(['time'], 'subscriptions_time_idx');
  });

  await knex.schema.createTable('sync_cursors', (t) => {
    t.string('source', 32).notNullable();
    t.string('key', 128).notNullable();
    t.text('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['source', 'key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'sync_cursors',
    'subscriptions',
    'chats',
    'predictions',
    'models',
    'odds',
    'fixtures',
    'team_aliases',
    'teams',
    'seasons',
    'leagues',
  ]) {
    await knex.schema.dropTable(table);
  }
}
