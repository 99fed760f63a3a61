import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateLatest, type Db } from '@scoreline/db';
import { testEngines, type TestDatabase } from '@test-support/databases';
import { chooseLeague, type LeagueResolver } from './match-league';
import { createTeamResolver, type TeamMatch } from './team-resolver';

const exact = (name: string): TeamMatch => ({
  status: 'matched',
  team: { name, id: null },
  kind: 'exact',
  distance: 0,
});
const fuzzy = (name: string, distance: number): TeamMatch => ({
  status: 'matched',
  team: { name, id: null },
  kind: 'fuzzy',
  distance,
});
const unknown = (input: string, suggestions: string[], distance: number): TeamMatch => ({
  status: 'unknown',
  input,
  suggestions,
  distance,
});

/** A league whose resolver answers from a table; any other name is unknown and far. */
function league(code: string, answers: Record<string, TeamMatch>): LeagueResolver {
  return {
    league: code,
    resolver: {
      match: (input) => Promise.resolve(answers[input] ?? unknown(input, [`${code} team`], 0.9)),
    },
  };
}

describe('chooseLeague', () => {
  it('When only one league knows both names, then that league is chosen with both teams', async () => {
    const choice = await chooseLeague(
      [
        league('D1', { Arsenal: fuzzy('Augsburg', 0.25) }),
        league('E0', { Arsenal: exact('Arsenal'), Chelsea: exact('Chelsea') }),
      ],
      'Arsenal',
      'Chelsea',
    );

    expect(choice).toEqual({
      status: 'matched',
      league: 'E0',
      home: { team: { name: 'Arsenal', id: null }, kind: 'exact', distance: 0 },
      away: { team: { name: 'Chelsea', id: null }, kind: 'exact', distance: 0 },
    });
  });

  it('When two leagues know both names, then exact matches win over typos, and smaller typos over larger', async () => {
    const typos = league('SC0', { Rangers: fuzzy('Rangers', 0), Celtc: fuzzy('Celtic', 0.17) });
    const exactBoth = league('E1', { Rangers: exact('QPR'), Celtc: exact('Celtic Town') });
    const closerTypos = league('E2', { Rangers: exact('Rangers'), Celtc: fuzzy('Celts', 0.2) });
    const nearestTypos = league('E3', { Rangers: exact('Rangers'), Celtc: fuzzy('Celtic', 0.1) });

    const preferExact = await chooseLeague([typos, exactBoth], 'Rangers', 'Celtc');
    const preferCloser = await chooseLeague([closerTypos, nearestTypos], 'Rangers', 'Celtc');

    expect(preferExact).toMatchObject({ status: 'matched', league: 'E1' });
    expect(preferCloser).toMatchObject({ status: 'matched', league: 'E3' });
  });

  it('When two leagues match equally well, then the earlier league is chosen', async () => {
    const answers = { A: exact('A'), B: exact('B') };

    const choice = await chooseLeague([league('F1', answers), league('E0', answers)], 'A', 'B');

    expect(choice).toMatchObject({ status: 'matched', league: 'F1' });
  });

  it('When no league knows both, then the unknown side is reported from the league where the other name matched best', async () => {
    const choice = await chooseLeague(
      [
        league('D1', { Bayern: fuzzy('Bayer', 0.2), Chelsey: unknown('Chelsey', ['Köln'], 0.6) }),
        league('E0', { Bayern: unknown('Bayern', ['Burnley', 'Brentford'], 0.5) }),
        league('SP1', {}),
      ],
      'Chelsey',
      'Bayern',
    );

    expect(choice).toEqual({
      status: 'unknown_team',
      league: 'D1',
      which: 'home',
      reason: 'unknown',
      input: 'Chelsey',
      suggestions: ['Köln'],
    });
  });

  it('When no league knows either name, then the home side is reported from the league it came closest in', async () => {
    const choice = await chooseLeague(
      [
        league('D1', { Zenit: unknown('Zenit', ['Mainz'], 0.8) }),
        league('E0', {
          Zenit: unknown('Zenit', ['Everton'], 0.7),
          Spartak: unknown('Spartak', ['Arsenal'], 0.6),
        }),
      ],
      'Zenit',
      'Spartak',
    );

    expect(choice).toMatchObject({
      status: 'unknown_team',
      league: 'E0',
      which: 'home',
      input: 'Zenit',
      suggestions: ['Everton'],
    });
  });

  it('When a name is ambiguous in the best league, then the result says ambiguous with the candidates', async () => {
    const choice = await chooseLeague(
      [
        league('E0', {
          Arsenal: exact('Arsenal'),
          Man: {
            status: 'ambiguous',
            input: 'Man',
            suggestions: ['Man City', 'Man United'],
            distance: 0,
          },
        }),
      ],
      'Arsenal',
      'Man',
    );

    expect(choice).toEqual({
      status: 'unknown_team',
      league: 'E0',
      which: 'away',
      reason: 'ambiguous',
      input: 'Man',
      suggestions: ['Man City', 'Man United'],
    });
  });

  it('When there are no leagues, then it says so', async () => {
    await expect(chooseLeague([], 'Arsenal', 'Chelsea')).resolves.toEqual({ status: 'no_league' });
  });
});

describe.each(testEngines)('chooseLeague with real resolvers on %s', (_engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  let leagues: LeagueResolver[];

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
    const teams = (names: string[]) => names.map((name) => ({ name, id: null }));
    leagues = [
      {
        league: 'E0',
        resolver: await createTeamResolver(
          db,
          'E0',
          teams(['Arsenal', 'Brentford', 'Fulham', 'Chelsea', 'Everton']),
        ),
      },
      {
        league: 'SP1',
        resolver: await createTeamResolver(
          db,
          'SP1',
          teams(['Barcelona', 'Getafe', 'Espanol', 'Sevilla', 'Real Madrid']),
        ),
      },
    ];
  }, 60_000);
  afterAll(() => handle.dispose());

  it('When Russian names in no alias table are typed without a league, then their league is found', async () => {
    const english = await chooseLeague(leagues, 'Брентфорд', 'Фулам');
    const spanish = await chooseLeague(leagues, 'Барселона', 'Хетафе');

    expect(english).toMatchObject({
      status: 'matched',
      league: 'E0',
      home: { team: { name: 'Brentford' }, kind: 'exact' },
      away: { team: { name: 'Fulham' }, kind: 'fuzzy' },
    });
    expect(spanish).toMatchObject({
      status: 'matched',
      league: 'SP1',
      home: { team: { name: 'Barcelona' } },
      away: { team: { name: 'Getafe' } },
    });
  });

  it('When a typo in one name is only close in the league of the other, then that league answers', async () => {
    const choice = await chooseLeague(leagues, 'arsnal', 'Chelsae');

    expect(choice).toMatchObject({ status: 'matched', league: 'E0' });
  });

  it('When one name exists in a league and the other nowhere, then suggestions come from that league', async () => {
    const choice = await chooseLeague(leagues, 'Sevilla', 'Zenit St Petersburg');

    expect(choice).toMatchObject({
      status: 'unknown_team',
      league: 'SP1',
      which: 'away',
      reason: 'unknown',
      input: 'Zenit St Petersburg',
    });
    expect(choice.status === 'unknown_team' && choice.suggestions).toHaveLength(3);
  });
});
