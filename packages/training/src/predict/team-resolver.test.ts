import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateLatest, resolveTeamAlias, type Db } from '@scoreline/db';
import { testEngines, type TestDatabase } from '@test-support/databases';
import type { ArtifactTeam } from '../registry/artifact-document';
import { epl, seedLeague } from '../test-support/seed-league';
import {
  createTeamResolver,
  TeamNameError,
  transliteratedKey,
  typoDistance,
} from './team-resolver';

// Only these aliases are stored: the Russian names below that are not listed here (and not in
// packages/feeds aliases.ru.json either) must resolve by transliteration or as typos.
const ALIASES = {
  'Man United': ['Manchester United', 'Man Utd'],
  'Man City': ['Manchester City'],
  Chelsea: ['Челси'],
};

/** Teams of a 2007/08 artifact placed by hand (no ids): none of them has a Russian alias. */
const EPL_0708 = ['Bolton', 'Wigan', 'Reading', 'Derby', 'Sheffield United', 'Sheffield Weds'].map(
  (name) => ({ name, id: null }),
);

describe.each(testEngines)('team names on %s', (_engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  let teams: ArtifactTeam[];

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
    await seedLeague(db, 'E0', [epl('2324')], ALIASES);
    const names = [
      'Arsenal',
      'Chelsea',
      'Man United',
      'Man City',
      "Nott'm Forest",
      'Luton',
      'Brentford',
      'Fulham',
    ];
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

  it('When a name has a typo and one team is clearly closest, then it resolves to that team as fuzzy', async () => {
    const r = await createTeamResolver(db, 'E0', teams);

    const swapped = await r.match('Chelsae');
    const dropped = await r.match('arsnal');

    expect(swapped).toMatchObject({ status: 'matched', kind: 'fuzzy', team: { name: 'Chelsea' } });
    expect(dropped).toMatchObject({ status: 'matched', kind: 'fuzzy', team: { name: 'Arsenal' } });
    expect(swapped.distance).toBeCloseTo(1 / 7, 6);
    expect((await r.resolve('Man Untd')).name).toBe('Man United');
  });

  it('When a name is unknown, then it fails with the 3 closest names, closest first', async () => {
    const r = await createTeamResolver(db, 'E0', teams);

    const near = await failure(r.resolve('Arsenal Tula'));
    const far = await failure(r.resolve('Barcelona'));

    expect(near.reason).toBe('unknown');
    expect(near.suggestions[0]).toBe('Arsenal');
    expect(near.suggestions).toHaveLength(3);
    expect(far.reason).toBe('unknown');
    expect(far.suggestions).toHaveLength(3);
  });

  it('When a typo is about as close to two teams, then it is ambiguous and lists both, closest first', async () => {
    const r = await createTeamResolver(db, 'E0', EPL_0708);

    const err = await failure(r.resolve('Sheffield Utd'));

    expect(err.reason).toBe('ambiguous');
    expect(err.suggestions).toEqual(['Sheffield United', 'Sheffield Weds']);
  });

  it('When a name is too short for a typo, then it is unknown rather than guessed', async () => {
    const r = await createTeamResolver(db, 'E0', EPL_0708);

    // "Dby" is one letter from "Derby" but three letters leave too little to tell clubs apart.
    const err = await failure(r.resolve('Dby'));

    expect(err.reason).toBe('unknown');
    expect(err.suggestions[0]).toBe('Derby');
  });

  it('When a Russian name is in no alias table, then its transliteration finds the team exactly or as a typo', async () => {
    const current = await createTeamResolver(db, 'E0', teams);
    const old = await createTeamResolver(db, 'E0', EPL_0708);

    const matches = await Promise.all([
      current.match('Брэнтфорд'),
      current.match('Арсэнал'),
      current.match('Фулам'),
      old.match('Болтон'),
      old.match('Уиган'),
      old.match('Рединг'),
    ]);

    expect(matches.map((m) => m.status === 'matched' && [m.team.name, m.kind])).toEqual([
      ['Brentford', 'exact'],
      ['Arsenal', 'exact'],
      ['Fulham', 'fuzzy'],
      ['Bolton', 'exact'],
      ['Wigan', 'fuzzy'],
      ['Reading', 'fuzzy'],
    ]);
  });

  it('When a Russian name transliterates to a stored alias or is a typo of a Russian alias, then it resolves', async () => {
    const r = await createTeamResolver(db, 'E0', teams);

    const viaAlias = await r.match('Ман Утд');
    const russianTypo = await r.match('Челсии');

    expect(viaAlias).toMatchObject({
      status: 'matched',
      kind: 'exact',
      team: { name: 'Man United' },
    });
    expect(russianTypo).toMatchObject({
      status: 'matched',
      kind: 'fuzzy',
      team: { name: 'Chelsea' },
    });
  });

  it('When a Russian name fits nothing, then it is unknown with the closest (English) names', async () => {
    const r = await createTeamResolver(db, 'E0', teams);

    const err = await failure(r.resolve('Спартак'));

    expect(err.reason).toBe('unknown');
    expect(err.input).toBe('Спартак');
    expect(err.suggestions).toHaveLength(3);
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

describe('team name distances', () => {
  it('When two letters are swapped, then it counts as one edit', () => {
    expect(typoDistance('chelsae', 'chelsea')).toBe(1);
    expect(typoDistance('arsnal', 'arsenal')).toBe(1);
    expect(typoDistance('wigan', 'wigan')).toBe(0);
    expect(typoDistance('', 'abc')).toBe(3);
    expect(typoDistance('kitten', 'sitting')).toBe(3);
  });

  it('When a name is Cyrillic, then its Latin key is given; when it is Latin, then none', () => {
    expect(transliteratedKey('Брентфорд')).toBe('brentford');
    expect(transliteratedKey('ФК Болтон')).toBe('bolton');
    expect(transliteratedKey('Brentford')).toBeNull();
  });
});
