import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateLatest, resolveTeamAlias, type Db } from '@scoreline/db';
import { testEngines, type TestDatabase } from '@test-support/databases';
import type { ArtifactTeam } from '../registry/artifact-document';
import { epl, seedLeague } from '../test-support/seed-league';
import { createTeamResolver, TeamNameError } from './team-resolver';

const ALIASES = { 'Man United': ['Manchester United', 'Man Utd'], 'Man City': ['Manchester City'] };

describe.each(testEngines)('team names on %s', (_engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  let teams: ArtifactTeam[];

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
    await seedLeague(db, 'E0', [epl('2324')], ALIASES);
    const names = ['Arsenal', 'Chelsea', 'Man United', 'Man City', "Nott'm Forest", 'Luton'];
    teams = [];
    for (const name of names) teams.push({ name, id: await resolveTeamAlias(db, name, 'E0') });
  }, 60_000);
  afterAll(() => handle.dispose());

  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TeamNameError);
    return err as TeamNameError;
  };

  it('When a name is an alias, a model name in other case, or a unique word prefix, then it resolves', async () => {
    const r = await createTeamResolver(db, 'E0', teams);

    const names = await Promise.all(
      ['Man Utd', 'manchester city', 'ARSENAL', 'Forest', 'nott'].map(
        async (n) => (await r.resolve(n)).name,
      ),
    );

    expect(names).toEqual(['Man United', 'Man City', 'Arsenal', "Nott'm Forest", "Nott'm Forest"]);
  });

  it('When a prefix fits several teams, then it is ambiguous and lists them', async () => {
    const r = await createTeamResolver(db, 'E0', teams);

    const err = await failure(r.resolve('Man'));

    expect(err.reason).toBe('ambiguous');
    expect(err.suggestions).toEqual(['Man City', 'Man United']);
  });

  it('When a name is unknown, then the closest names come first', async () => {
    const r = await createTeamResolver(db, 'E0', teams);

    const typo = await failure(r.resolve('Chelsae'));
    const other = await failure(r.resolve('Barcelona'));

    expect(typo.reason).toBe('unknown');
    expect(typo.suggestions[0]).toBe('Chelsea');
    expect(other.suggestions).toHaveLength(3);
  });

  it('When the artifact has no team ids (placed by hand), then aliases still resolve by team name', async () => {
    const r = await createTeamResolver(
      db,
      'E0',
      teams.map((t) => ({ name: t.name, id: null })),
    );

    expect((await r.resolve('Manchester United')).name).toBe('Man United');
  });
});
