// League map: football-data division code <-> SportMonks Football API v3 league id.

/** Where a SportMonks league id comes from, so unverified ids can be checked before relying on them. */
export type LeagueIdSource = 'contract' | 'knowledge';

/** A league the bot knows, identified by football-data code and SportMonks id. */
export interface League {
  /** football-data.co.uk division code (`E0`, `SP1`, …; `DNK` from its extra-leagues files). */
  code: string;
  /** SportMonks v3 league id. */
  sportmonksId: number;
  /**
   * `contract`: the id appears in sportmonks/CONTRACT.md (free-plan leagues, §12);
   * `knowledge`: from SportMonks' public league list as remembered, not verified in this repository.
   */
  sportmonksIdSource: LeagueIdSource;
  name: string;
  country: string;
  /** Folder of the football-datasets PDDL mirror holding this league's history, if any. */
  pddlFolder?: string;
}

const LEAGUE_LIST: League[] = [
  {
    code: 'E0',
    sportmonksId: 8,
    sportmonksIdSource: 'knowledge',
    name: 'Premier League',
    country: 'England',
    pddlFolder: 'premier-league',
  },
  {
    code: 'E1',
    sportmonksId: 9,
    sportmonksIdSource: 'knowledge',
    name: 'Championship',
    country: 'England',
  },
  {
    code: 'SP1',
    sportmonksId: 564,
    sportmonksIdSource: 'knowledge',
    name: 'La Liga',
    country: 'Spain',
    pddlFolder: 'la-liga',
  },
  {
    code: 'D1',
    sportmonksId: 82,
    sportmonksIdSource: 'knowledge',
    name: 'Bundesliga',
    country: 'Germany',
    pddlFolder: 'bundesliga',
  },
  {
    code: 'I1',
    sportmonksId: 384,
    sportmonksIdSource: 'knowledge',
    name: 'Serie A',
    country: 'Italy',
  },
  {
    code: 'F1',
    sportmonksId: 301,
    sportmonksIdSource: 'knowledge',
    name: 'Ligue 1',
    country: 'France',
  },
  {
    code: 'SC0',
    sportmonksId: 501,
    sportmonksIdSource: 'contract',
    name: 'Scottish Premiership',
    country: 'Scotland',
  },
  {
    code: 'DNK',
    sportmonksId: 271,
    sportmonksIdSource: 'contract',
    name: 'Superliga',
    country: 'Denmark',
  },
];

/** All leagues, in display order (frozen). */
export const LEAGUES: readonly Readonly<League>[] = Object.freeze(
  LEAGUE_LIST.map((l) => Object.freeze(l)),
);

const byCode = new Map(LEAGUES.map((l) => [l.code.toUpperCase(), l]));
const byId = new Map(LEAGUES.map((l) => [l.sportmonksId, l]));

/**
 * Finds a league by football-data code (case-insensitive, e.g. `e0`) or by SportMonks id
 * (`"8"`), the two forms the CLI accepts for `--league`. Returns undefined when unknown.
 */
export function findLeague(codeOrId: string): League | undefined {
  const s = codeOrId.trim();
  if (/^\d+$/.test(s)) return byId.get(Number(s));
  return byCode.get(s.toUpperCase());
}
