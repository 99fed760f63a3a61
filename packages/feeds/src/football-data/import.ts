// Imports football-data.co.uk style CSVs: results to fixtures, odds to odds. Idempotent: the
// match identity (league, date, home, away after alias resolution) makes a re-import report
// every row unchanged, and two files holding the same match merge into one fixture.
import {
  upsertFixture,
  upsertLeague,
  upsertFixtureOdds,
  upsertSeason,
  writeTransaction,
  type Db,
  type OddsMarket as DbOddsMarket,
  type UpsertOutcome,
} from '@scoreline/db';
import { setTimeout as sleep } from 'node:timers/promises';
import { FeedFormatError } from '../errors';
import { findLeague } from '../leagues';
import { createTeamDirectory, type TeamDirectory } from '../teams/team-directory';
import { readFootballDataCsv } from './read-file';
import type { ParsedCsv, ParsedMatch, ParsedOdds, RejectedRow } from './types';

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
  /** Called after each committed chunk of rows. */
  onProgress?: (done: number, total: number) => void;
  /**
   * When the odds were read. Files of past seasons leave it out (their odds are dated by the
   * match day); a live download of upcoming fixtures passes the download time.
   */
  oddsCollectedAt?: Date;
}

/**
 * A transaction ends after this many rows or this long, whichever comes first: SQLite has one
 * writer, and a running bot waits while a chunk commits, whatever the machine's speed.
 */
export const IMPORT_CHUNK_ROWS = 250;
const IMPORT_CHUNK_MS = 250;

/**
 * SQLite's lock is not fair: a waiting process polls (every 100 ms once it has waited a while)
 * and would almost never find the lock free between back-to-back chunks. A pause longer than
 * that after each chunk lets it in; Postgres queues its waiters and needs none.
 */
const SQLITE_CHUNK_PAUSE_MS = 150;

/** European seasons run August to May: a date in July or later opens `YYYY/YY+1`. */
export function seasonOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 7 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

function oddsMarket(odds: ParsedOdds): DbOddsMarket {
  return odds.market === 'ou' ? `ou_${odds.line ?? 2.5}` : odds.market;
}

/**
 * Imports one file. A file that is not such a CSV throws FeedFormatError before anything is
 * written; rows that cannot be used are counted as rejected with file, line and reason. Rows are
 * written in transactions of at most {@link IMPORT_CHUNK_ROWS}, each committed whole or not at all (a
 * match always with its odds), and counted only once committed. A failure stops the file after
 * its last committed chunk and throws; importing the file again finds those rows unchanged and
 * writes the rest.
 */
export async function importFootballDataFile(
  db: Db,
  file: string,
  opts: ImportOptions = {},
): Promise<ImportFileReport> {
  const parsed = await readFootballDataCsv(file, { league: opts.league });
  return importParsedFootballData(db, parsed, file, opts);
}

/**
 * Imports rows already parsed (from a file or a download), under the same rules as
 * {@link importFootballDataFile}; `label` names the source in the report and in errors.
 */
export async function importParsedFootballData(
  db: Db,
  parsed: ParsedCsv,
  label: string,
  opts: ImportOptions = {},
): Promise<ImportFileReport> {
  const report: ImportFileReport = {
    file: label,
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
      throw new FeedFormatError(label, `unknown league code "${code}"`);
    }
  }

  const total = parsed.matches.length;
  for (let done = 0; done < total;) {
    const rest = parsed.matches.slice(done, done + IMPORT_CHUNK_ROWS);
    const written = await writeTransaction(db, (tx) => importChunk(tx, rest, opts.oddsCollectedAt));
    done += written.rows;
    report.inserted += written.inserted;
    report.updated += written.updated;
    report.unchanged += written.unchanged;
    report.newTeams.push(...written.newTeams);
    opts.onProgress?.(done, total);
    if (db.client === 'sqlite') await sleep(SQLITE_CHUNK_PAUSE_MS);
  }
  if (total === 0) opts.onProgress?.(0, 0);
  return report;
}

/**
 * Writes the first of `matches` inside one transaction until IMPORT_CHUNK_MS have passed (at least
 * one); ids are cached only for the chunk's lifetime. Returns how many rows it wrote.
 */
async function importChunk(
  tx: Db,
  matches: readonly ParsedMatch[],
  oddsCollectedAt: Date | undefined,
): Promise<Record<UpsertOutcome, number> & { rows: number; newTeams: string[] }> {
  const deadline = Date.now() + IMPORT_CHUNK_MS;
  const leagueIds = new Map<string, number>();
  const seasons = new Map<string, number>();
  const teams = createTeamDirectory(tx, { source: 'football-data' });
  const counts: Record<UpsertOutcome, number> = { inserted: 0, updated: 0, unchanged: 0 };
  let rows = 0;
  for (const match of matches) {
    if (rows > 0 && Date.now() >= deadline) break;
    rows += 1;
    let leagueId = leagueIds.get(match.league);
    if (leagueId === undefined) {
      const league = findLeague(match.league)!;
      leagueId = (
        await upsertLeague(tx, {
          code: league.code,
          name: league.name,
          country: league.country,
          sportmonksId: league.sportmonksId,
        })
      ).id;
      leagueIds.set(match.league, leagueId);
    }
    counts[await importMatch(tx, match, leagueId, seasons, teams, oddsCollectedAt)] += 1;
  }
  return { ...counts, rows, newTeams: teams.newTeams() };
}

async function importMatch(
  tx: Db,
  match: ParsedMatch,
  leagueId: number,
  seasons: Map<string, number>,
  teams: TeamDirectory,
  oddsCollectedAt: Date | undefined,
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

  const collectedAt = oddsCollectedAt ?? new Date(`${match.date}T00:00:00Z`);
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
