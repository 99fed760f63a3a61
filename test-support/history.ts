// The match history bundled in the repository (data/history, public domain; see its README): the
// one place tests find it. Tests read nothing outside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `<repo>/data/history`: this file is `<repo>/test-support/history.ts`. */
export const HISTORY_DIR = resolve(__dirname, '../data/history');

/** The bundled leagues, by football-data.co.uk division code. */
export type HistoryLeague = 'E0' | 'SP1' | 'D1';

/** First calendar year of a season code: `9394` → 1993, `2425` → 2024. */
export function seasonStartYear(season: string): number {
  const yy = Number(season.slice(0, 2));
  return yy >= 90 ? 1900 + yy : 2000 + yy;
}

/** The path of one season file, e.g. `historyFile('E0', '2425')` (2024/25; no `Div` column). */
export function historyFile(league: HistoryLeague, season: string): string {
  return join(HISTORY_DIR, league, `season-${season}.csv`);
}

/** The season codes of a league, oldest first (`9394` … `2526`). */
export function historySeasons(league: HistoryLeague): string[] {
  return readdirSync(join(HISTORY_DIR, league))
    .map((f) => /^season-(\d{4})\.csv$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort((a, b) => seasonStartYear(a) - seasonStartYear(b));
}

/** One season file as UTF-8 text. */
export function readHistory(league: HistoryLeague, season: string): string {
  return readFileSync(historyFile(league, season), 'utf8');
}
