import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithPostgres, testDatabaseUrl } from '@test-support/services';
import { createDb, type Db } from './create-db';
import { runMaintenance } from './maintenance';
import { migrateLatest } from './migrate';
import { createTestSchema } from './test-support/pg-schema';

describeWithPostgres('runMaintenance on Postgres', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let db: Db;

  beforeAll(async () => {
    schema = await createTestSchema(testDatabaseUrl);
    db = createDb({ client: 'pg', writerUrl: testDatabaseUrl, searchPath: schema.schema });
    await migrateLatest(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await schema.drop();
  });

  it('should ANALYZE the tables of its schema', async () => {
    // reltuples is -1 until a table is first vacuumed or analyzed (Postgres 14+), and ANALYZE
    // updates it before returning, unlike the asynchronous statistics views.
    const reltuples = async () => {
      const result = await schema.admin.raw<{ rows: Array<{ reltuples: number }> }>(
        "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'fixtures'",
        [schema.schema],
      );
      return result.rows[0]?.reltuples;
    };
    expect(await reltuples()).toBe(-1);

    const report = await runMaintenance(db);

    expect(report).toEqual({ client: 'pg', steps: ['ANALYZE'] });
    expect(await reltuples()).toBe(0);
  });
});
