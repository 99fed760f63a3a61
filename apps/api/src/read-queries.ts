// Small reads the db package has no repository function for yet. Rows are mapped through the
// repositories' own getters (getPrediction, getTeam) so the API never invents a row format.
import { getPrediction, getTeam, type Db, type Prediction } from '@scoreline/db';

/** The newest stored prediction of a fixture, if any. */
export async function latestPredictionForFixture(
  db: Db,
  fixtureId: number,
): Promise<Prediction | null> {
  const row: { id: number | string } | undefined = await db
    .reader('predictions')
    .where({ fixture_id: fixtureId })
    .orderBy([
      { column: 'requested_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first('id');
  return row ? getPrediction(db, Number(row.id)) : null;
}

/** The football-data code of a league id. */
export async function leagueCodeById(db: Db, leagueId: number): Promise<string | null> {
  const row: { code: string } | undefined = await db
    .reader('leagues')
    .where({ id: leagueId })
    .first('code');
  return row ? String(row.code) : null;
}

/** Team names by id, each looked up once. */
export function teamNames(db: Db): (id: number) => Promise<string> {
  const cache = new Map<number, Promise<string>>();
  return (id) => {
    let name = cache.get(id);
    if (!name) {
      name = getTeam(db, id).then((t) => t?.name ?? `#${id}`);
      cache.set(id, name);
    }
    return name;
  };
}
