// Fixture lookups for the bot's lists and cards, with team and league names resolved and
// kick-offs placed in the chat's time zone.
import {
  findLeague,
  getFixture,
  getLeague,
  getTeam,
  listFixtures,
  listLeagues,
  latestFinishedDate,
  nextScheduledKickoff,
  type Db,
  type Fixture,
  type League,
} from '@scoreline/db';

export interface FixtureView {
  id: number;
  league: string;
  home: string;
  away: string;
  kickoffAt: Date;
  status: Fixture['status'];
  result?: { home: number; away: number };
}

export interface FixtureService {
  leagues(): Promise<League[]>;
  /** The league a user typed: a code in any case, or a SportMonks id. */
  findLeague(typed: string): Promise<League | null>;
  /** Fixtures whose kick-off falls on `date` (YYYY-MM-DD) in `timeZone`, by kick-off. */
  onDate(date: string, timeZone: string, league?: League): Promise<FixtureView[]>;
  /** Scheduled fixtures from `from` over the next `days` days, by kick-off. */
  upcoming(from: Date, days: number, league?: League): Promise<FixtureView[]>;
  byId(id: number): Promise<FixtureView | null>;
  /**
   * What lies ahead of `from`: the next known kick-off (null when no fixture is known at all)
   * and the date of the newest result, for the "no upcoming fixtures known" answer.
   */
  ahead(from: Date, league?: League): Promise<{ next: Date | null; lastResult: string | null }>;
}

const DAY_MS = 86_400_000;
/**
 * Leagues appear only with an import; every /predict reads them (to spot a leading league
 * code), so the list is reused this long instead of queried per message.
 */
export const LEAGUES_TTL_MS = 30_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The calendar date of `at` in `timeZone`, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function createFixtureService(db: Db, now: () => number = Date.now): FixtureService {
  let leagues: { at: number; list: Promise<League[]> } | undefined;
  const cachedLeagues = (): Promise<League[]> => {
    if (!leagues || now() - leagues.at >= LEAGUES_TTL_MS) {
      const list = listLeagues(db);
      // A failed read is not kept: the next call asks again.
      list.catch(() => {
        if (leagues?.list === list) leagues = undefined;
      });
      leagues = { at: now(), list };
    }
    return leagues.list;
  };
  const teamNames = new Map<number, Promise<string>>();
  const teamName = (id: number) => {
    let name = teamNames.get(id);
    if (!name) {
      name = getTeam(db, id).then((t) => t?.name ?? `#${id}`);
      teamNames.set(id, name);
    }
    return name;
  };

  const view = async (f: Fixture, league: string): Promise<FixtureView> => ({
    id: f.id,
    league,
    home: await teamName(f.homeTeamId),
    away: await teamName(f.awayTeamId),
    kickoffAt: f.kickoffAt,
    status: f.status,
    ...(f.status === 'finished' && f.homeGoals !== null && f.awayGoals !== null
      ? { result: { home: f.homeGoals, away: f.awayGoals } }
      : {}),
  });

  const collect = async (
    leagues: League[],
    from: string,
    to: string,
    keep: (f: Fixture) => boolean,
  ): Promise<FixtureView[]> => {
    const views: FixtureView[] = [];
    for (const league of leagues) {
      for (const f of await listFixtures(db, { leagueId: league.id, from, to })) {
        if (keep(f)) views.push(await view(f, league.code));
      }
    }
    return views.sort((a, b) => a.kickoffAt.getTime() - b.kickoffAt.getTime() || a.id - b.id);
  };

  return {
    leagues: cachedLeagues,
    findLeague: (typed) => findLeague(db, typed.trim().toUpperCase()),
    async onDate(date, timeZone, league) {
      const noon = Date.parse(`${date}T12:00:00Z`);
      // A local day spans at most the UTC days either side of it.
      return collect(
        league ? [league] : await listLeagues(db),
        isoDay(noon - DAY_MS),
        isoDay(noon + DAY_MS),
        (f) => localDate(f.kickoffAt, timeZone) === date,
      );
    },
    async upcoming(from, days, league) {
      return collect(
        league ? [league] : await listLeagues(db),
        isoDay(from.getTime()),
        isoDay(from.getTime() + days * DAY_MS),
        (f) => f.status === 'scheduled' && f.kickoffAt >= from,
      );
    },
    async ahead(from, league) {
      const [next, lastResult] = await Promise.all([
        nextScheduledKickoff(db, from, league?.id),
        latestFinishedDate(db, league?.id),
      ]);
      return { next, lastResult };
    },
    async byId(id) {
      const f = await getFixture(db, id);
      if (!f) return null;
      const league = await getLeague(db, f.leagueId);
      return view(f, league?.code ?? '?');
    },
  };
}
