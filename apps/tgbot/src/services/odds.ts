// Model against market: the books and edges live in @scoreline/training (the worker's value
// alerts compute the same edges); this service reads the stored prices for the bot.
import { listOddsForFixtures, type Db, type Odds } from '@scoreline/db';
import { groupOddsByFixture } from '@scoreline/training';

export {
  bookmakerOrder,
  books1x2,
  booksTotal,
  edgesOf,
  OUTCOMES_1X2,
  OUTCOMES_TOTAL,
  type Book,
  type Edge,
  type Outcome1x2,
  type OutcomeTotal,
} from '@scoreline/training';

/** The stored price sets of the given fixtures, by fixture id. */
export async function oddsByFixture(
  db: Db,
  fixtureIds: readonly number[],
): Promise<Map<number, Odds[]>> {
  if (fixtureIds.length === 0) return new Map();
  return groupOddsByFixture(await listOddsForFixtures(db, fixtureIds));
}
