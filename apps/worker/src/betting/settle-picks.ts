// Settles paper-trading picks whose match has finished: won or lost, profit in units, and the
// closing-line value against the fair (de-vigged) closing price of the same outcome — the
// yardstick book's closing prices when a feed stored them, else its last pre-kick-off prices
// (a sync updates the `pre` row until kick-off). Stored once (settlePick is a no-op the second
// time), so a retried settle job cannot count a pick twice.
import {
  listOddsForFixtures,
  listUnsettledPicksWithResult,
  settlePick,
  type Db,
  type Odds,
} from '@scoreline/db';
import {
  closingLineValue,
  firstBook,
  pickProfit,
  pickWon,
  VALUE_MARKETS,
  type ValueMarket,
  type ValueSide,
} from '@scoreline/training';

/** The fair closing probability of `side` of `market`, or null when nothing prices it. */
export function closingProb(
  odds: readonly Odds[],
  market: ValueMarket,
  side: ValueSide,
): number | null {
  const book = firstBook(odds, market, 'close') ?? firstBook(odds, market, 'pre');
  return book?.probs[side] ?? null;
}

/** Settles every finished pick; resolves with how many were settled now. */
export async function settlePicks(db: Db, now: () => Date): Promise<number> {
  let settled = 0;
  for (;;) {
    const batch = await listUnsettledPicksWithResult(db, { limit: 500 });
    if (batch.length === 0) return settled;
    const odds = await listOddsForFixtures(db, [...new Set(batch.map((b) => b.pick.fixtureId))]);
    let round = 0;
    for (const { pick, homeGoals, awayGoals } of batch) {
      if (!(VALUE_MARKETS as readonly string[]).includes(pick.market)) continue;
      const market = pick.market as ValueMarket;
      const side = pick.side as ValueSide;
      const won = pickWon(market, side, homeGoals, awayGoals);
      const prob = closingProb(
        odds.filter((o) => o.fixtureId === pick.fixtureId),
        market,
        side,
      );
      const done = await settlePick(db, pick.id, {
        won,
        profit: pickProfit(won, pick.stake, pick.price),
        closingProb: prob,
        clv: prob === null ? null : closingLineValue(pick.price, prob),
        settledAt: now(),
      });
      if (done) round += 1;
    }
    settled += round;
    if (batch.length < 500 || round === 0) return settled;
  }
}
