import { randomBytes } from 'node:crypto';
import knex, { type Knex } from 'knex';

/** A random lowercase identifier suffix, safe to splice into DDL. */
export function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}

/** A fresh schema in the test database, and an admin handle to drop it (and roles) again. */
export async function createTestSchema(
  url: string,
): Promise<{ schema: string; admin: Knex; drop: () => Promise<void> }> {
  const schema = `test_${randomSuffix()}`;
  const admin = knex({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  await admin.raw('CREATE SCHEMA ??', [schema]);
  return {
    schema,
    admin,
    drop: async () => {
      await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await admin.destroy();
    },
  };
}
