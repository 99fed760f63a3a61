import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithPostgres, testDatabaseUrl } from '@test-support/services';
import { createDb, type Db } from './create-db';
import { migrateLatest } from './migrate';
import { createSqlHeartbeatStore } from './repositories/heartbeats.repository';
import { countFixtures, listFixtures, upsertFixture } from './repositories/fixtures.repository';
import { findLeagueByCode, listLeagues, upsertLeague } from './repositories/leagues.repository';
import { getChampion, listModels, registerModel } from './repositories/models.repository';
import { upsertTeam } from './repositories/teams.repository';
import { createTestSchema, randomSuffix } from './test-support/pg-schema';
import { runRepositorySuite } from './test-support/repository-suite';

/** The DSN of the test database as another (password-less, trust-auth) role. */
function urlAs(role: string): string {
  const url = new URL(testDatabaseUrl);
  url.username = role;
  url.password = '';
  return url.toString();
}

describeWithPostgres('repositories on Postgres', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;

  beforeAll(async () => {
    schema = await createTestSchema(testDatabaseUrl);
  });

  afterAll(async () => {
    await schema.drop();
  });

  runRepositorySuite(() =>
    createDb({ client: 'pg', writerUrl: testDatabaseUrl, searchPath: schema.schema }),
  );
});

describeWithPostgres('reader handle through a read-only role', () => {
  const role = `test_ro_${randomSuffix()}`;
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let db: Db;
  let leagueId: number;

  beforeAll(async () => {
    schema = await createTestSchema(testDatabaseUrl);
    const writerOnly = createDb({
      client: 'pg',
      writerUrl: testDatabaseUrl,
      searchPath: schema.schema,
    });
    await migrateLatest(writerOnly);
    await writerOnly.destroy();
    await schema.admin.raw(`CREATE ROLE ${role} LOGIN`);
    await schema.admin.raw(`GRANT USAGE ON SCHEMA ${schema.schema} TO ${role}`);
    await schema.admin.raw(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema.schema} TO ${role}`);
    db = createDb({
      client: 'pg',
      writerUrl: testDatabaseUrl,
      readerUrl: urlAs(role),
      searchPath: schema.schema,
    });
    leagueId = (await upsertLeague(db, { code: 'E0', name: 'Premier League', sportmonksId: 8 })).id;
    await upsertFixture(db, {
      leagueId,
      kickoffAt: new Date('2025-01-10T20:00:00Z'),
      homeTeamId: (await upsertTeam(db, { name: 'Arsenal' })).id,
      awayTeamId: (await upsertTeam(db, { name: 'Chelsea' })).id,
      status: 'scheduled',
      source: 'csv',
    });
    await registerModel(db, {
      leagueCode: 'E0',
      kind: 'dixon-coles',
      version: 'v1',
      trainedAt: new Date('2025-01-01T00:00:00Z'),
      metrics: {},
      artifactPath: 'E0/v1.json',
      sha256: 'b'.repeat(64),
      status: 'champion',
    });
    await createSqlHeartbeatStore(db).beat('worker', 'w1', new Date('2025-01-01T00:00:00Z'));
  });

  afterAll(async () => {
    await db?.destroy();
    await schema.admin.raw(`DROP OWNED BY ${role}`).catch(() => undefined);
    await schema.admin.raw(`DROP ROLE IF EXISTS ${role}`);
    await schema.drop();
  });

  it('should serve reader functions through the read-only role', async () => {
    const [{ user }] = (await db.reader.raw('SELECT current_user AS user')).rows as [
      { user: string },
    ];

    expect(user).toBe(role);
    expect((await listLeagues(db)).map((l) => l.code)).toEqual(['E0']);
    expect(await countFixtures(db, { leagueId })).toBe(1);
    expect(await listFixtures(db, { leagueId, from: '2025-01-01', to: '2025-01-31' })).toHaveLength(
      1,
    );
    expect((await getChampion(db, 'E0'))?.version).toBe('v1');
    expect(await listModels(db, 'E0')).toHaveLength(1);
    expect(await createSqlHeartbeatStore(db).lastBeats('worker')).toEqual([
      { instance: 'w1', at: new Date('2025-01-01T00:00:00Z') },
    ]);
  });

  it('should refuse writes through the read-only handle', async () => {
    await expect(db.reader('leagues').insert({ code: 'SP1', name: 'La Liga' })).rejects.toThrow(
      /permission denied|read-only transaction/,
    );
    const roAsWriter = createDb({
      client: 'pg',
      writerUrl: urlAs(role),
      searchPath: schema.schema,
    });
    try {
      await expect(upsertLeague(roAsWriter, { code: 'SP1', name: 'La Liga' })).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await roAsWriter.destroy();
    }

    expect(await findLeagueByCode(db, 'SP1')).toBeNull();
  });

  it('should make reader sessions read-only even when their role could write', async () => {
    const sameRole = createDb({
      client: 'pg',
      writerUrl: testDatabaseUrl,
      readerUrl: testDatabaseUrl,
      searchPath: schema.schema,
    });
    try {
      await expect(
        sameRole.reader('leagues').insert({ code: 'D1', name: 'Bundesliga' }),
      ).rejects.toThrow(/read-only transaction/);
      expect(await findLeagueByCode(sameRole, 'D1')).toBeNull();
    } finally {
      await sameRole.destroy();
    }
  });
});
