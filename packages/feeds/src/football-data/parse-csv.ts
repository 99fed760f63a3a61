// Parser for football-data.co.uk style CSV files (results, statistics and bookmaker odds).
import { parse } from 'csv-parse/sync';

import { FeedFormatError } from '../errors';
import { londonLocalToUtcIso, parseFdDate, parseFdTime } from './dates';
import { classifyOddsColumn, type OddsColumn } from './odds-columns';
import type { MatchStats, ParsedCsv, ParsedMatch, ParsedOdds, RejectedRow } from './types';

/** Options for {@link parseFootballDataCsv}. */
export interface ParseFootballDataOptions {
  /** Name used in errors and rejects (usually the path). */
  file: string;
  /** Division code for files without a `Div` column; ignored when the file has one. */
  league?: string;
  /**
   * A file of upcoming fixtures (the site's `fixtures.csv`): it has no result columns, so they
   * are not required and every row is a match without a score.
   */
  upcoming?: boolean;
}

// The main-league files use HomeTeam/AwayTeam/FTHG/FTAG; football-data's "extra leagues" files
// (e.g. DNK.csv) use Home/Away/HG/AG for the same things.
const COLUMN_ALIASES: Record<string, string[]> = {
  HomeTeam: ['HomeTeam', 'Home'],
  AwayTeam: ['AwayTeam', 'Away'],
  FTHG: ['FTHG', 'HG'],
  FTAG: ['FTAG', 'AG'],
};

const STAT_COLUMNS: Array<[string, keyof MatchStats]> = [
  ['HS', 'homeShots'],
  ['AS', 'awayShots'],
  ['HST', 'homeShotsOnTarget'],
  ['AST', 'awayShotsOnTarget'],
  ['HC', 'homeCorners'],
  ['AC', 'awayCorners'],
  ['HF', 'homeFouls'],
  ['AF', 'awayFouls'],
  ['HY', 'homeYellow'],
  ['AY', 'awayYellow'],
  ['HR', 'homeRed'],
  ['AR', 'awayRed'],
];

// football-data writes integers, some mirrors re-save them as `6.0`.
const INT_OR_DOT_ZERO = /^(\d+)(?:\.0+)?$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function parseGoals(raw: string | undefined): number | null | 'invalid' {
  const s = (raw ?? '').trim();
  if (s === '') return null;
  const m = INT_OR_DOT_ZERO.exec(s);
  return m ? Number(m[1]) : 'invalid';
}

function parseCount(raw: string | undefined): number | undefined {
  const s = (raw ?? '').trim();
  const m = INT_OR_DOT_ZERO.exec(s);
  return m ? Number(m[1]) : undefined;
}

function parseDecimal(raw: string | undefined): number | undefined {
  const s = (raw ?? '').trim();
  if (!DECIMAL.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Binary input shows up as NULs or many U+FFFD replacement characters after UTF-8 decoding. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  const bad = sample.split('\uFFFD').length - 1;
  return bad > 8 && bad > sample.length / 100;
}

interface Layout {
  col: (name: string) => number;
  league: (row: string[]) => string;
  odds: Array<{ index: number; column: OddsColumn }>;
}

function layoutFor(header: string[], opts: ParseFootballDataOptions): Layout {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim();
    if (!index.has(name)) index.set(name, i);
  });
  const col = (name: string): number => {
    for (const alias of COLUMN_ALIASES[name] ?? [name]) {
      const i = index.get(alias);
      if (i !== undefined) return i;
    }
    return -1;
  };
  const required = ['Date', 'HomeTeam', 'AwayTeam', ...(opts.upcoming ? [] : ['FTHG', 'FTAG'])];
  const missing = required.filter((c) => col(c) < 0);
  if (missing.length > 0) {
    throw new FeedFormatError(
      opts.file,
      `not a football-data CSV: header lacks ${missing.join(', ')}`,
    );
  }
  const div = col('Div');
  let league: (row: string[]) => string;
  if (div >= 0) {
    const fallback = opts.league;
    league = (row) => row[div]?.trim() || fallback || '';
  } else if (opts.league) {
    const code = opts.league;
    league = () => code;
  } else {
    throw new FeedFormatError(
      opts.file,
      'the file has no Div column: pass the league code (opts.league / --league)',
    );
  }
  const odds: Layout['odds'] = [];
  header.forEach((h, i) => {
    const column = classifyOddsColumn(h.trim());
    if (column) odds.push({ index: i, column });
  });
  return { col, league, odds };
}

function collectOdds(row: string[], layout: Layout): ParsedOdds[] {
  const ahLine: Record<'pre' | 'close', number | null> = { pre: null, close: null };
  for (const { index, column } of layout.odds) {
    if (column.type === 'ah-line') {
      const v = parseDecimal(row[index]);
      if (v !== undefined && ahLine[column.kind] === null) ahLine[column.kind] = v;
    }
  }
  const byKey = new Map<string, ParsedOdds>();
  for (const { index, column } of layout.odds) {
    if (column.type !== 'price') continue;
    const price = parseDecimal(row[index]);
    // Decimal odds are > 1 by definition; 0, 1 or negative values are placeholders, not prices.
    if (price === undefined || price <= 1) continue;
    const key = `${column.bookmaker}|${column.market}|${column.kind}`;
    let odds = byKey.get(key);
    if (!odds) {
      const line =
        column.market === 'ou' ? 2.5 : column.market === 'ah' ? ahLine[column.kind] : null;
      odds = {
        bookmaker: column.bookmaker,
        market: column.market,
        line,
        kind: column.kind,
        prices: {},
      };
      byKey.set(key, odds);
    }
    odds.prices[column.side] = price;
  }
  return [...byKey.values()];
}

function parseRow(
  row: string[],
  line: number,
  layout: Layout,
  file: string,
): ParsedMatch | RejectedRow {
  const { col } = layout;
  const cell = (name: string): string | undefined => {
    const i = col(name);
    return i < 0 ? undefined : row[i];
  };
  const reject = (reason: string): RejectedRow => ({ file, line, reason });

  const rawDate = (cell('Date') ?? '').trim();
  const date = parseFdDate(rawDate);
  if (!date) return reject(`Date: invalid date ${JSON.stringify(rawDate)}`);
  const home = (cell('HomeTeam') ?? '').trim();
  if (!home) return reject('HomeTeam: missing team name');
  const away = (cell('AwayTeam') ?? '').trim();
  if (!away) return reject('AwayTeam: missing team name');
  const league = layout.league(row);
  if (!league) return reject('Div: missing division code');

  const homeGoals = parseGoals(cell('FTHG'));
  if (homeGoals === 'invalid')
    return reject(`FTHG: not a goal count ${JSON.stringify(cell('FTHG'))}`);
  const awayGoals = parseGoals(cell('FTAG'));
  if (awayGoals === 'invalid')
    return reject(`FTAG: not a goal count ${JSON.stringify(cell('FTAG'))}`);
  // A half-filled score would be stored as a result that never happened.
  if ((homeGoals === null) !== (awayGoals === null)) {
    return reject(`${homeGoals === null ? 'FTHG' : 'FTAG'}: empty while the other score is set`);
  }

  const match: ParsedMatch = {
    line,
    league,
    date,
    home,
    away,
    homeGoals,
    awayGoals,
    stats: {},
    odds: collectOdds(row, layout),
  };
  const time = parseFdTime(cell('Time'));
  if (time) {
    match.time = time;
    match.kickoffUtc = londonLocalToUtcIso(date, time);
  }
  const htHome = parseCount(cell('HTHG'));
  const htAway = parseCount(cell('HTAG'));
  if (htHome !== undefined && htAway !== undefined) match.ht = { home: htHome, away: htAway };
  for (const [name, key] of STAT_COLUMNS) {
    const v = parseCount(cell(name));
    if (v !== undefined) match.stats[key] = v;
  }
  const referee = cell('Referee')?.trim();
  if (referee) match.referee = referee;
  return match;
}

/**
 * Parses one football-data.co.uk style CSV (main-league `Div,Date,…` files, the PDDL mirror without
 * `Div`, and the extra-leagues `Home,Away,HG,AG` layout).
 *
 * Handles a UTF-8 BOM, CRLF/LF/CR line endings, `DD/MM/YYYY`, `DD/MM/YY` and ISO dates, an optional
 * UK `Time`, renamed totals columns (`B365_2_5` = `B365>2.5`), numbers written `6.0`, blank and
 * all-empty trailing rows. Bad rows become rejects naming the column; a file that is not such a
 * CSV at all throws {@link FeedFormatError}.
 *
 * @throws FeedFormatError when the text is empty, binary, unparseable, lacks the required header
 *   columns, or has no `Div` column and `opts.league` is not given.
 */
export function parseFootballDataCsv(text: string, opts: ParseFootballDataOptions): ParsedCsv {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (body.trim() === '') throw new FeedFormatError(opts.file, 'empty file');
  if (looksBinary(body)) throw new FeedFormatError(opts.file, 'binary data, not a CSV file');

  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(body, {
      info: true,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // football-data files sometimes end with rows made only of commas.
      skip_records_with_empty_values: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (e) {
    throw new FeedFormatError(opts.file, `unreadable CSV (${(e as Error).message})`);
  }
  const [first, ...rows] = records;
  if (!first) throw new FeedFormatError(opts.file, 'empty file');
  const layout = layoutFor(first.record, opts);

  const result: ParsedCsv = { matches: [], rejects: [], dataRows: rows.length };
  for (const { record, info } of rows) {
    const parsed = parseRow(record, info.lines, layout, opts.file);
    if ('reason' in parsed) result.rejects.push(parsed);
    else result.matches.push(parsed);
  }
  return result;
}
