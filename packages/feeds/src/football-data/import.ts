// Imports football-data.co.uk style CSVs: results to fixtures, odds to odds. Idempotent: the
// match identity (league, date, home, away after alias resolution) makes a re-import report
// every row unchanged, and two files holding the same match merge into one fixture.
import {
  upsertFixture,
  upsertLeague,
  upsertFixtureOdds,
  upsertSeason,
  type Db,
  type OddsMarket as DbOddsMarket,
  type UpsertOutcome,
} from '@scoreline/db';
import { FeedFormatError } from '../errors';
import { findLeague } from '../leagues';
import { createTeamDirectory, type TeamDirectory } from '../teams/team-directory';
import { readFootballDataCsv } from './read-file';
import type { ParsedMatch, ParsedOdds, RejectedRow } from './types';

export interface ImportFileReport {
  file: string;
  dataRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejects: RejectedRow[];
  /** Team names no alias knew: they became new teams (listed, never silently merged). */
  newTeams: string[];
  /** Division codes of the imported rows (the `Div` column wins over `league`). */
  leagues: string[];
}

export interface ImportOptions {
  /** Division code for files without a `Div` column. */
  league?: string;
  /** Called every few hundred rows and at the end. */
  onProgress?: (done: number, total: number) => void;
}

/** European seasons run August to May: a date in July or later opens `YYYY/YY+1`. */
export function seasonOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 7 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

function oddsMarket(odds: ParsedOdds): DbOddsMarket {
  return odds.market === 'ou' ? `ou_${odds.line ?? 2.5}` : odds.market;
}

/** Runs `fn` in one writer transaction, with a Db whose every handle is that transaction. */
async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.writer.transaction(async (trx) =>
    fn({ ...db, writer: trx, reader: trx, replica: trx, destroy: () => Promise.resolve() }),
  );
}

/**
 * Imports one file. A file that is not such a CSV throws FeedFormatError before anything is
 * written; rows that cannot be used are counted as rejected with file, line and reason. The
 * whole file is one transaction, so a crash leaves it either imported or not at all.
 */
export async function importFootballDataFile(
  db: Db,
  file: string,
  opts: ImportOptions = {},
): Promise<ImportFileReport> {
  const parsed = await readFootballDataCsv(file, { league: opts.league });
  const report: ImportFileReport = {
    file,
    dataRows: parsed.dataRows,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: parsed.rejects.length,
    rejects: [...parsed.rejects],
    newTeams: [],
    leagues: [],
  };
  const leagueCodes = new Set(parsed.matches.map((m) => m.league));
  report.leagues = [...leagueCodes].sort();
  for (const code of leagueCodes) {
    if (!findLeague(code)) {
      throw new FeedFormatError(file, `unknown league code "${code}"`);
    }
  }

  await inTransaction(db, async (tx) => {
    const leagueIds = new Map<string, number>();
    for (const code of leagueCodes) {
      const league = findLeague(code)!;
      const { id } = await upsertLeague(tx, {
        code: league.code,
        name: league.name,
        country: league.country,
        sportmonksId: league.sportmonksId,
      });
      leagueIds.set(code, id);
    }
    const seasons = new Map<string, number>();
    const teams = createTeamDirectory(tx, { source: 'football-data' });
    let done = 0;
    for (const match of parsed.matches) {
      const outcome = await importMatch(tx, match, leagueIds.get(match.league)!, seasons, teams);
      report[outcome] += 1;
      done += 1;
      if (done % 250 === 0) opts.onProgress?.(done, parsed.matches.length);
    }
    report.newTeams = teams.newTeams();
  });
  opts.onProgress?.(parsed.matches.length, parsed.matches.length);
  return report;
}

async function importMatch(
  tx: Db,
  match: ParsedMatch,
  leagueId: number,
  seasons: Map<string, number>,
  teams: TeamDirectory,
): Promise<UpsertOutcome> {
  const seasonName = seasonOf(match.date);
  let seasonId = seasons.get(`${leagueId}:${seasonName}`);
  if (seasonId === undefined) {
    seasonId = (await upsertSeason(tx, { leagueId, name: seasonName })).id;
    seasons.set(`${leagueId}:${seasonName}`, seasonId);
  }
  const homeTeamId = await teams.teamId(match.home, match.league);
  const awayTeamId = await teams.teamId(match.away, match.league);
  const finished = match.homeGoals !== null && match.awayGoals !== null;
  const fixture = await upsertFixture(tx, {
    leagueId,
    seasonId,
    kickoffAt: new Date(match.kickoffUtc ?? `${match.date}T00:00:00Z`),
    kickoffDate: match.date,
    homeTeamId,
    awayTeamId,
    status: finished ? 'finished' : 'scheduled',
    source: 'football-data',
    homeGoals: match.homeGoals,
    awayGoals: match.awayGoals,
    ...(match.ht ? { htHomeGoals: match.ht.home, htAwayGoals: match.ht.away } : {}),
    ...match.stats,
  });

  const collectedAt = new Date(`${match.date}T00:00:00Z`);
  const written = await upsertFixtureOdds(
    tx,
    fixture.id,
    match.odds.map((odds) => ({
      bookmaker: odds.bookmaker,
      market: oddsMarket(odds),
      line: odds.line,
      kind: odds.kind,
      priceHome: odds.prices.home ?? null,
      priceDraw: odds.prices.draw ?? null,
      priceAway: odds.prices.away ?? null,
      priceOver: odds.prices.over ?? null,
      priceUnder: odds.prices.under ?? null,
      collectedAt,
      source: 'football-data',
    })),
  );
  if (fixture.outcome !== 'unchanged') return fixture.outcome;
  return written.some((o) => o !== 'unchanged') ? 'updated' : 'unchanged';
}
