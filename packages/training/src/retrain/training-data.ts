import { getFixture, getTeam, listFixtures, type Db, type ResultRow } from '@scoreline/db';
import { addDays } from '@scoreline/model';
import type { ArtifactTeam } from '../registry/artifact-document';

/**
 * Database ids of the teams named in `rows` (canonical names), read from each team's latest
 * fixture: exact, where a lookup by name could hit an alias of another club.
 */
export async function teamIdsFromResults(
  db: Db,
  rows: readonly ResultRow[],
): Promise<Map<string, number>> {
  const lastFixture = new Map<string, { fixtureId: number; side: 'home' | 'away' }>();
  for (const r of rows) {
    lastFixture.set(r.home, { fixtureId: r.fixtureId, side: 'home' });
    lastFixture.set(r.away, { fixtureId: r.fixtureId, side: 'away' });
  }
  const ids = new Map<string, number>();
  for (const [name, { fixtureId, side }] of lastFixture) {
    const f = await getFixture(db, fixtureId);
    if (f) ids.set(name, side === 'home' ? f.homeTeamId : f.awayTeamId);
  }
  return ids;
}

/**
 * Teams of the league's scheduled fixtures in the `days` after `from`: promoted sides have no
 * history yet, and the fit must rate them (with the newcomer prior) to predict their matches.
 */
export async function upcomingTeams(
  db: Db,
  leagueId: number,
  from: string,
  days = 120,
): Promise<ArtifactTeam[]> {
  const fixtures = await listFixtures(db, {
    leagueId,
    from,
    to: addDays(from, days),
    status: 'scheduled',
  });
  const ids = new Set<number>();
  for (const f of fixtures) {
    ids.add(f.homeTeamId);
    ids.add(f.awayTeamId);
  }
  const out: ArtifactTeam[] = [];
  for (const id of ids) {
    const team = await getTeam(db, id);
    if (team) out.push({ name: team.name, id });
  }
  return out;
}

/** Football season of a date: July to June, labelled `2024/25`. */
export function seasonOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 7 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}
