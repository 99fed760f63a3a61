// The bundled history on disk: one folder per league code, one `season-XXYY.csv` per season
// (data/history/README.md). Leagues in the order of the league table (the Premier League first,
// so the most asked-for league serves first), seasons oldest first.
import { LEAGUES } from '@scoreline/feeds';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface HistoryFile {
  league: string;
  /** `season-9394.csv`. */
  name: string;
  path: string;
}

const SEASON_FILE = /^season-(\d{2})(\d{2})\.csv$/;

/** Four-digit start year of `season-XXYY.csv` (93 → 1993, 25 → 2025). */
function startYear(name: string): number {
  const yy = Number(SEASON_FILE.exec(name)?.[1] ?? NaN);
  return yy >= 50 ? 1900 + yy : 2000 + yy;
}

/** `season-9394.csv` → `1993/94`. */
export function seasonLabel(name: string): string {
  const m = SEASON_FILE.exec(name);
  return m ? `${startYear(name)}/${m[2]}` : name;
}

/** Known leagues in the feeds' table order, then unknown codes alphabetically. */
function leagueOrder(a: string, b: string): number {
  const rank = (code: string) => {
    const i = LEAGUES.findIndex((l) => l.code === code);
    return i < 0 ? LEAGUES.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * The season files of `leagues` (default: every folder) under `dir`, league by league, oldest
 * season first. Throws when the directory, a requested league or its seasons are missing.
 */
export function historyFiles(dir: string, leagues?: readonly string[]): HistoryFile[] {
  if (!existsSync(dir)) throw new Error(`no history directory at ${dir}`);
  const codes =
    leagues ??
    readdirSync(dir)
      .filter((name) => /^[A-Z0-9]+$/.test(name) && statSync(join(dir, name)).isDirectory())
      .sort(leagueOrder);
  if (codes.length === 0) throw new Error(`no league folders in ${dir}`);
  return codes.flatMap((league) => {
    const folder = join(dir, league);
    if (!existsSync(folder)) throw new Error(`no history for ${league} in ${dir}`);
    const names = readdirSync(folder)
      .filter((name) => SEASON_FILE.test(name))
      .sort((a, b) => startYear(a) - startYear(b));
    if (names.length === 0) throw new Error(`no season-XXYY.csv files in ${folder}`);
    return names.map((name) => ({ league, name, path: join(folder, name) }));
  });
}
