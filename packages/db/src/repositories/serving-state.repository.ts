// What a process serving predictions keeps in memory, and how it notices that it went stale: the
// leagues, each league's champion (version and checksum), and a stamp of the alias table, read in
// one statement so re-checking costs one round trip however many leagues there are.
import type { Db } from '../create-db';
import { toNumber } from '../values';
import { toLeague, type League } from './leagues.repository';

/** A league with its champion's identity, or null when it has none. */
export interface ServedLeague extends League {
  champion: { version: string; sha256: string } | null;
}

export interface ServingState {
  /** Every league, by code. */
  leagues: ServedLeague[];
  /**
   * Changes whenever an alias is added or removed (count and newest id), so a cached team-name
   * resolver can tell that an import taught the database new names.
   */
  aliasStamp: string;
}

/** The leagues, their champions and the alias stamp, in one query. */
export async function readServingState(db: Db): Promise<ServingState> {
  const k = db.reader;
  const rows = (await k('leagues as l')
    .leftJoin('models as m', function champion() {
      this.on('m.league_code', '=', 'l.code').andOnVal('m.status', '=', 'champion');
    })
    .select(
      'l.*',
      'm.version as champion_version',
      'm.sha256 as champion_sha256',
      k('team_aliases').count('*').as('alias_count'),
      k('team_aliases').max('id').as('alias_max_id'),
    )
    .orderBy('l.code')) as Array<Record<string, unknown>>;
  // Without a league there is nothing to serve, so nothing a stamp could invalidate.
  const first = rows[0];
  const aliasStamp = first
    ? `${toNumber(first.alias_count)}:${first.alias_max_id == null ? 0 : toNumber(first.alias_max_id)}`
    : 'none';
  return {
    aliasStamp,
    leagues: rows.map((r) => ({
      ...toLeague(r),
      champion:
        typeof r.champion_version === 'string' && typeof r.champion_sha256 === 'string'
          ? { version: r.champion_version, sha256: r.champion_sha256 }
          : null,
    })),
  };
}
