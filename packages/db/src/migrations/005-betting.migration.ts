import type { Knex } from 'knex';

/**
 * Terms, value alerts and paper trading (issue #19): who accepted the terms and when; each
 * chat's alert settings; every value alert sent, unique per chat × fixture × market × side so a
 * repeated sync or a restarted worker never alerts twice; each chat's staking choice and its
 * tracked picks with their settlement and closing-line value.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('terms_acceptances', (t) => {
    // A Telegram user id (ids exceed 32 bits); per user, not per chat.
    t.bigInteger('user_id').primary();
    t.string('version', 16).notNullable();
    t.timestamp('accepted_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('alert_settings', (t) => {
    t.bigInteger('chat_id').primary().references('chat_id').inTable('chats').onDelete('CASCADE');
    t.boolean('enabled').notNullable().defaultTo(false);
    // Model minus de-vigged market, in percentage points.
    t.double('min_edge').notNullable().defaultTo(5);
    // Comma-separated league codes; '' for every league.
    t.string('leagues', 255).notNullable().defaultTo('');
    t.string('muted_leagues', 255).notNullable().defaultTo('');
    t.string('markets', 64).notNullable().defaultTo('1x2,ou25,btts');
    t.integer('max_per_day').notNullable().defaultTo(5);
    // Local 'HH:MM' in the chat's timezone; both null when there are no quiet hours.
    t.string('quiet_from', 5).nullable();
    t.string('quiet_to', 5).nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('value_alerts', (t) => {
    t.increments('id');
    t.bigInteger('chat_id')
      .notNullable()
      .references('chat_id')
      .inTable('chats')
      .onDelete('CASCADE');
    t.integer('fixture_id').notNullable().references('id').inTable('fixtures').onDelete('CASCADE');
    t.string('market', 8).notNullable();
    t.string('side', 8).notNullable();
    t.string('bookmaker', 32).notNullable();
    t.double('price').notNullable();
    t.double('model_prob').notNullable();
    t.double('market_prob').notNullable();
    // The chat's local date when sent: the daily maximum counts these.
    t.string('local_date', 10).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    // Set once the alert is on the outbox: a row without it was recorded by a scan that died
    // before queueing, and the next scan queues it (under the same outbox job id).
    t.timestamp('queued_at', { useTz: true }).nullable();
    t.unique(['chat_id', 'fixture_id', 'market', 'side'], { indexName: 'value_alerts_once_uq' });
    t.index(['chat_id', 'local_date'], 'value_alerts_chat_day_idx');
  });

  await knex.schema.createTable('portfolio_settings', (t) => {
    t.bigInteger('chat_id').primary().references('chat_id').inTable('chats').onDelete('CASCADE');
    t.enu('staking', ['kelly', 'flat']).notNullable().defaultTo('kelly');
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('portfolio_picks', (t) => {
    t.increments('id');
    t.bigInteger('chat_id')
      .notNullable()
      .references('chat_id')
      .inTable('chats')
      .onDelete('CASCADE');
    t.integer('fixture_id').notNullable().references('id').inTable('fixtures').onDelete('CASCADE');
    t.string('market', 8).notNullable();
    t.string('side', 8).notNullable();
    t.string('bookmaker', 32).notNullable();
    t.double('price').notNullable();
    t.double('model_prob').notNullable();
    t.enu('staking', ['kelly', 'flat']).notNullable();
    t.double('stake').notNullable();
    t.timestamp('tracked_at', { useTz: true }).notNullable();
    t.timestamp('settled_at', { useTz: true }).nullable();
    t.boolean('won').nullable();
    t.double('profit').nullable();
    // The de-vigged probability of the outcome at the last pre-kick-off price, and the CLV.
    t.double('closing_prob').nullable();
    t.double('clv').nullable();
    t.unique(['chat_id', 'fixture_id', 'market', 'side'], { indexName: 'portfolio_picks_uq' });
    t.index(['settled_at'], 'portfolio_picks_settled_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'portfolio_picks',
    'portfolio_settings',
    'value_alerts',
    'alert_settings',
    'terms_acceptances',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
