import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithPostgres, testDatabaseUrl } from '@test-support/services';
import { createDb } from './create-db';
import { migrateLatest } from './migrate';
import { MIGRATION_NAMES } from './migrations/migration-source';
import { createTestSchema } from './test-support/pg-schema';

describeWithPostgres('migrateLatest on Postgres', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;

  beforeAll(async () => {
    schema = await createTestSchema(testDatabaseUrl);
  });

  afterAll(async () => {
    await schema.drop();
  });

  it('should let two processes migrate the same schema at once, each migration applied once', async () => {
    const settings = {
      client: 'pg' as const,
      writerUrl: testDatabaseUrl,
      searchPath: schema.schema,
    };
    const [a, b] = [createDb(settings), createDb(settings)];
    try {
      const results = await Promise.all([migrateLatest(a), migrateLatest(b)]);

      expect([...results[0], ...results[1]].sort()).toEqual([...MIGRATION_NAMES].sort());
      const rows = await schema.admin
        .withSchema(schema.schema)
        .from('knex_migrations')
        .select('name');
      expect(rows.map((r: { name: string }) => r.name).sort()).toEqual([...MIGRATION_NAMES].sort());
      const tables = await schema.admin.raw(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = 'fixtures'",
        [schema.schema],
      );
      expect(tables.rows).toEqual([{ n: 1 }]);
      expect(await migrateLatest(a)).toEqual([]);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
