// The money maths of paper trading, pure so a hand-computed example can check it: the stake of a
// tracked pick (quarter Kelly, capped, or flat), its result, closing-line value, and the
// portfolio's totals.
import type { ValueMarket, ValueSide } from '../market/books';

/** Paper bankroll in units: a Kelly stake is a fraction of it. */
export const BANKROLL_UNITS = 100;
/** Fraction of the full Kelly stake taken (quarter Kelly). */
export const KELLY_FRACTION = 0.25;
/** No Kelly stake above this share of the bankroll (5 units of 100). */
export const KELLY_CAP = 0.05;
/** The flat stake, in units. */
export const FLAT_STAKE = 1;

export type Staking = 'kelly' | 'flat';

/**
 * Units to stake on an outcome of probability `p` at decimal `price`: quarter of the Kelly
 * fraction (p·price − 1)/(price − 1) of {@link BANKROLL_UNITS}, at most {@link KELLY_CAP} of it,
 * 0 when the bet has no edge; or {@link FLAT_STAKE}. Rounded to cents of a unit.
 */
export function stakeUnits(staking: Staking, p: number, price: number): number {
  if (staking === 'flat') return FLAT_STAKE;
  if (!(price > 1) || !(p > 0)) return 0;
  const kelly = (p * price - 1) / (price - 1);
  const share = Math.min(Math.max(kelly * KELLY_FRACTION, 0), KELLY_CAP);
  return round2(share * BANKROLL_UNITS);
}

/** Whether `side` of `market` won for a final score (a pick has no push on these markets). */
export function pickWon(
  market: ValueMarket,
  side: ValueSide,
  homeGoals: number,
  awayGoals: number,
): boolean {
  if (market === '1x2') {
    const result = homeGoals > awayGoals ? 'home' : homeGoals === awayGoals ? 'draw' : 'away';
    return side === result;
  }
  if (market === 'ou25') return homeGoals + awayGoals > 2.5 === (side === 'over');
  return (homeGoals > 0 && awayGoals > 0) === (side === 'yes');
}

/** Profit in units of a settled pick: stake·(price − 1) when won, −stake when lost. */
export function pickProfit(won: boolean, stake: number, price: number): number {
  return won ? stake * (price - 1) : -stake;
}

/**
 * Closing-line value: the price taken against the fair (de-vigged) closing price of the same
 * outcome, price / (1 / closingFairProb) − 1. Positive means the market moved towards the pick.
 */
export function closingLineValue(priceTaken: number, closingFairProb: number): number {
  return priceTaken * closingFairProb - 1;
}

export interface SettledPick {
  stake: number;
  profit: number;
  won: boolean;
  clv: number | null;
}

export interface PortfolioTotals {
  settled: number;
  won: number;
  staked: number;
  profit: number;
  /** profit / staked; null before anything is staked. */
  roi: number | null;
  /** won / settled; null before anything is settled. */
  hitRate: number | null;
  /** Mean CLV of the settled picks that have a closing price; null when none has. */
  clv: number | null;
}

/** The totals of settled picks. */
export function portfolioTotals(picks: readonly SettledPick[]): PortfolioTotals {
  const staked = picks.reduce((s, p) => s + p.stake, 0);
  const profit = picks.reduce((s, p) => s + p.profit, 0);
  const won = picks.filter((p) => p.won).length;
  const clvs = picks.map((p) => p.clv).filter((c): c is number => c !== null);
  return {
    settled: picks.length,
    won,
    staked,
    profit,
    roi: staked > 0 ? profit / staked : null,
    hitRate: picks.length > 0 ? won / picks.length : null,
    clv: clvs.length > 0 ? clvs.reduce((s, c) => s + c, 0) / clvs.length : null,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
