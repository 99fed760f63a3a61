import type { Db } from '../create-db';
import { assertIsoDate, toNumber, toNumberOrNull } from '../values';

/** A finished match as the model consumes it: team names, goals and match statistics. */
export interface ResultRow {
  fixtureId: number;
  date: string;
  /** Canonical team names: stable whatever source the match came from. */
  home: string;
  away: string;
  /** The league's source spelling (e.g. football-data's `Man United`), else the canonical name. */
  homeSourceName: string;
  awaySourceName: string;
  homeGoals: number;
  awayGoals: number;
  stats: {
    homeShots?: number;
    awayShots?: number;
    homeShotsOnTarget?: number;
    awayShotsOnTarget?: number;
    homeCorners?: number;
    awayCorners?: number;
    homeRedCards?: number;
    awayRedCards?: number;
  };
}

const STAT_FIELDS = [
  ['homeShots', 'home_shots'],
  ['awayShots', 'away_shots'],
  ['homeShotsOnTarget', 'home_shots_on_target'],
  ['awayShotsOnTarget', 'away_shots_on_target'],
  ['homeCorners', 'home_corners'],
  ['awayCorners', 'away_corners'],
  ['homeRedCards', 'home_red'],
  ['awayRedCards', 'away_red'],
] as const;

/**
 * Finished matches of a league in date order, optionally strictly before `before`: the training
 * and backtest input. One query for fixtures and names, one for the source spellings.
 */
export async function listLeagueResults(
  db: Db,
  query: { leagueId: number; leagueCode: string; before?: string },
): Promise<ResultRow[]> {
  const q = db
    .replica('fixtures as f')
    .join('teams as h', 'h.id', 'f.home_team_id')
    .join('teams as a', 'a.id', 'f.away_team_id')
    .where({ 'f.league_id': query.leagueId, 'f.status': 'finished' })
    .whereNotNull('f.home_goals')
    .whereNotNull('f.away_goals')
    .select('f.*', 'h.name as home_name', 'a.name as away_name')
    .orderBy([
      { column: 'f.kickoff_date', order: 'asc' },
      { column: 'f.kickoff_at', order: 'asc' },
      { column: 'f.id', order: 'asc' },
    ]);
  if (query.before) void q.where('f.kickoff_date', '<', assertIsoDate(query.before, 'before'));
  const rows = (await q) as Array<Record<string, unknown>>;

  const aliases: Array<{ team_id: unknown; alias: string }> = await db
    .replica('team_aliases')
    .where({ scope: query.leagueCode, lang: 'src' })
    .orderBy('id')
    .select('team_id', 'alias');
  const sourceName = new Map<number, string>();
  for (const a of aliases) {
    const id = toNumber(a.team_id);
    if (!sourceName.has(id)) sourceName.set(id, a.alias);
  }

  return rows.map((r) => {
    const stats: ResultRow['stats'] = {};
    for (const [field, column] of STAT_FIELDS) {
      const value = toNumberOrNull(r[column]);
      if (value !== null) stats[field] = value;
    }
    const home = String(r.home_name);
    const away = String(r.away_name);
    return {
      fixtureId: toNumber(r.id),
      date: String(r.kickoff_date).slice(0, 10),
      home,
      away,
      homeSourceName: sourceName.get(toNumber(r.home_team_id)) ?? home,
      awaySourceName: sourceName.get(toNumber(r.away_team_id)) ?? away,
      homeGoals: toNumber(r.home_goals),
      awayGoals: toNumber(r.away_goals),
      stats,
    };
  });
}
