// The settle job's work list, one query for everything it settles (predictions, paper-trading
// picks): the unsettled rows of a table whose fixture has finished with a score, oldest first.
import type { Knex } from 'knex';
import { toNumber } from '../values';

export async function unsettledWithResult<T>(
  knex: Knex,
  table: 'predictions' | 'portfolio_picks',
  toRow: (r: Record<string, unknown>) => T,
  limit: number,
): Promise<Array<{ row: T; homeGoals: number; awayGoals: number }>> {
  const rows = (await knex(`${table} as p`)
    .join('fixtures as f', 'f.id', 'p.fixture_id')
    .whereNull('p.settled_at')
    .where('f.status', 'finished')
    .whereNotNull('f.home_goals')
    .whereNotNull('f.away_goals')
    .select('p.*', { fixture_home_goals: 'f.home_goals', fixture_away_goals: 'f.away_goals' })
    .orderBy('p.id')
    .limit(limit)) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    row: toRow(r),
    homeGoals: toNumber(r.fixture_home_goals),
    awayGoals: toNumber(r.fixture_away_goals),
  }));
}
