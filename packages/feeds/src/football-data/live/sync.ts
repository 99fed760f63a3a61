// The free live source: football-data.co.uk's current-season results and upcoming fixtures,
// downloaded, parsed whole and only then imported by the same idempotent importer as the
// bundled history (one match per league, date and teams). Each file stands alone: a failed
// download or a file in another format is reported and writes nothing; the others go on.
import type { Db } from '@scoreline/db';
import { FeedFormatError } from '../../errors';
import { importParsedFootballData, type ImportFileReport } from '../import';
import { parseFootballDataCsv } from '../parse-csv';
import type { ParsedCsv } from '../types';
import { downloadCsvText, FeedDownloadError } from './download';
import { fixturesUrl, footballDataSeasonCode, resultsUrl } from './urls';

/** Source label of everything this feed writes (fixtures, odds). */
export const FOOTBALL_DATA_SOURCE = 'football-data';

export interface FootballDataSyncOptions {
  baseUrl: string;
  /** Division codes to keep (`E0`, `SP1`, …); rows of other divisions are skipped. */
  leagues: readonly string[];
  /** The clock: picks the season and dates the fixtures' odds. */
  now?: Date;
  timeoutMs?: number;
}

export interface FootballDataFileFailure {
  url: string;
  reason: string;
}

export interface FootballDataSyncReport {
  /** Files imported; `oddsRows` counts the bookmaker prices they carried. */
  imported: Array<ImportFileReport & { url: string; oddsRows: number }>;
  /** Files that wrote nothing: the download or the format failed. */
  failures: FootballDataFileFailure[];
  /** Results files the site does not have (404): a season not yet published. */
  missing: string[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Imports each league's results of the current season. */
export async function syncFootballDataResults(
  db: Db,
  opts: FootballDataSyncOptions,
): Promise<FootballDataSyncReport> {
  const season = footballDataSeasonCode(opts.now ?? new Date());
  const report = emptyReport();
  for (const league of opts.leagues) {
    const url = resultsUrl(opts.baseUrl, season, league);
    await importOne(db, url, opts, report, { league });
  }
  return report;
}

/** Imports the upcoming fixtures (and their pre-match odds) of the configured leagues. */
export async function syncFootballDataFixtures(
  db: Db,
  opts: FootballDataSyncOptions,
): Promise<FootballDataSyncReport> {
  const report = emptyReport();
  await importOne(db, fixturesUrl(opts.baseUrl), opts, report, {
    upcoming: true,
    oddsAt: opts.now ?? new Date(),
  });
  return report;
}

function emptyReport(): FootballDataSyncReport {
  return { imported: [], failures: [], missing: [] };
}

async function importOne(
  db: Db,
  url: string,
  opts: FootballDataSyncOptions,
  report: FootballDataSyncReport,
  file: { league?: string; upcoming?: boolean; oddsAt?: Date },
): Promise<void> {
  let parsed: ParsedCsv;
  try {
    const text = await downloadCsvText(url, { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    parsed = parseFootballDataCsv(text, {
      file: url,
      ...(file.league ? { league: file.league } : {}),
      ...(file.upcoming ? { upcoming: true } : {}),
    });
  } catch (e) {
    if (e instanceof FeedDownloadError && e.status === 404 && file.league) {
      report.missing.push(url);
      return;
    }
    if (e instanceof FeedDownloadError || e instanceof FeedFormatError) {
      report.failures.push({ url, reason: e.reason });
      return;
    }
    throw e;
  }
  const kept = onlyLeagues(parsed, opts.leagues);
  const imported = await importParsedFootballData(db, kept, url, {
    ...(file.oddsAt ? { oddsCollectedAt: file.oddsAt } : {}),
  });
  const oddsRows = kept.matches.reduce((n, m) => n + m.odds.length, 0);
  report.imported.push({ ...imported, url, oddsRows });
}

/** The rows of the wanted divisions; others are neither imported nor counted as rejects. */
function onlyLeagues(parsed: ParsedCsv, leagues: readonly string[]): ParsedCsv {
  const wanted = new Set(leagues);
  const matches = parsed.matches.filter((m) => wanted.has(m.league));
  const skipped = parsed.matches.length - matches.length;
  return { ...parsed, matches, dataRows: parsed.dataRows - skipped };
}
