// Arguments several commands share: dates and leagues, checked the same way everywhere.
import { findLeague, listLeagues, type Db, type League } from '@scoreline/db';
import { LEAGUES, findLeague as findMappedLeague } from '@scoreline/feeds';
import { CommandFailure, InvalidInputError } from './context';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date as YYYY-MM-DD. An impossible one (2024-02-30) is refused rather than rolled
 * over to another day by Date.
 */
export function parseDateOption(value: string, flag: string): string {
  const m = ISO_DATE.exec(value);
  if (!m) throw new InvalidInputError(`${flag} must be a date as YYYY-MM-DD, got "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw new InvalidInputError(`${flag}: ${value} is not a date of the calendar`);
  }
  return value;
}

/** The league codes the CLI knows: the league map (`E0 SP1 …`). */
export const KNOWN_LEAGUE_CODES = LEAGUES.map((l) => l.code);

/**
 * The football-data code of `--league` (a code, case-insensitive, or a SportMonks id) in the
 * league map; an unknown one is invalid input listing the known codes.
 */
export function mappedLeagueCode(arg: string): string {
  const league = findMappedLeague(arg);
  if (!league) {
    throw new InvalidInputError(
      `--league: unknown league "${arg}"; known codes: ${KNOWN_LEAGUE_CODES.join(', ')}`,
    );
  }
  return league.code;
}

/**
 * The league `--league` names in the database. A code nobody knows is invalid input (exit 2)
 * listing the known codes; a known league without history yet is a failure (exit 1) saying what
 * to import.
 */
export async function requireLeague(db: Db, arg: string): Promise<League> {
  const league = await findLeague(db, arg.trim().toUpperCase());
  if (league) return league;
  const stored = (await listLeagues(db)).map((l) => l.code);
  const withHistory =
    stored.length > 0 ? `leagues with history: ${stored.join(', ')}` : 'no league has history yet';
  const mapped = findMappedLeague(arg);
  if (mapped) {
    throw new CommandFailure(
      `${mapped.code} has no history yet: import it first (scoreline import-csv); ${withHistory}`,
    );
  }
  const known = [...new Set([...KNOWN_LEAGUE_CODES, ...stored])];
  throw new InvalidInputError(
    `--league: unknown league "${arg}"; known codes: ${known.join(', ')}`,
  );
}
