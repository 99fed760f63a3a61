// /start's example: two teams the bot can actually predict, read from the database.
import { getChampion, latestFinishedDate, listFixtures, type Db } from '@scoreline/db';
import type { FixtureService } from './fixtures';

/** How far ahead /start looks for a fixture to use as its example. */
const EXAMPLE_DAYS = 14;

/**
 * Two teams the bot can predict, so /start's example works as typed: the next fixture of a
 * league with a champion model, else that league's latest finished match. None when no league
 * has a champion (the example would only fail).
 */
export async function exampleMatch(s: {
  db: Db;
  fixtures: FixtureService;
  now: () => Date;
}): Promise<{ home: string; away: string } | undefined> {
  const leagues = [];
  for (const league of await s.fixtures.leagues()) {
    if (await getChampion(s.db, league.code)) leagues.push(league);
  }
  let next: { home: string; away: string; kickoffAt: Date } | undefined;
  for (const league of leagues) {
    const [first] = await s.fixtures.upcoming(s.now(), EXAMPLE_DAYS, league);
    if (first && (!next || first.kickoffAt < next.kickoffAt)) next = first;
  }
  if (next) return { home: next.home, away: next.away };
  for (const league of leagues) {
    const day = await latestFinishedDate(s.db, league.id);
    if (!day) continue;
    const last = (
      await listFixtures(s.db, { leagueId: league.id, from: day, to: day, status: 'finished' })
    ).at(-1);
    const view = last && (await s.fixtures.byId(last.id));
    if (view) return { home: view.home, away: view.away };
  }
  return undefined;
}
