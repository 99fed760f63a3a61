import { describe, expect, it } from '@jest/globals';
import { closingLineValue, pickProfit, pickWon, portfolioTotals, stakeUnits } from './money';

describe('paper-trading money maths', () => {
  it('When the model gives 50% at 2.50, then quarter Kelly stakes 4.17 units of 100 and a flat stake 1', () => {
    // Full Kelly (0.5·2.5 − 1)/(2.5 − 1) = 0.25/1.5 = 0.1667; a quarter is 0.04167 → 4.17 units.
    expect(stakeUnits('kelly', 0.5, 2.5)).toBe(4.17);
    expect(stakeUnits('flat', 0.5, 2.5)).toBe(1);
  });

  it('When Kelly asks for more than 5% of the bankroll, then the stake is capped at 5 units; with no edge it is 0', () => {
    // (0.7·3 − 1)/2 = 0.55; a quarter is 0.1375 > 0.05.
    expect(stakeUnits('kelly', 0.7, 3)).toBe(5);
    expect(stakeUnits('kelly', 0.3, 3)).toBe(0);
  });

  it('When picks settle, then profit, ROI, hit rate and CLV match the hand computation', () => {
    // Pick A: 4 units at 2.50 on home, won 2–1; the closing fair home probability is 0.44.
    // Pick B: 2 units at 1.90 on over 2.5, lost 1–1; closing fair over probability 0.50.
    const a = { stake: 4, won: pickWon('1x2', 'home', 2, 1), price: 2.5, close: 0.44 };
    const b = { stake: 2, won: pickWon('ou25', 'over', 1, 1), price: 1.9, close: 0.5 };
    expect(a.won).toBe(true);
    expect(b.won).toBe(false);
    const settled = [a, b].map((p) => ({
      stake: p.stake,
      won: p.won,
      profit: pickProfit(p.won, p.stake, p.price),
      clv: closingLineValue(p.price, p.close),
    }));
    expect(settled[0]!.profit).toBeCloseTo(6, 10); // 4 × 1.5
    expect(settled[1]!.profit).toBeCloseTo(-2, 10);
    expect(settled[0]!.clv).toBeCloseTo(0.1, 10); // 2.5 × 0.44 − 1
    expect(settled[1]!.clv).toBeCloseTo(-0.05, 10); // 1.9 × 0.5 − 1
    const totals = portfolioTotals(settled);
    expect(totals.profit).toBeCloseTo(4, 10);
    expect(totals.staked).toBe(6);
    expect(totals.roi).toBeCloseTo(4 / 6, 10);
    expect(totals.hitRate).toBe(0.5);
    expect(totals.clv).toBeCloseTo(0.025, 10);
  });

  it('When the score has both teams scoring, then BTTS yes wins and no loses; a draw wins the draw side', () => {
    expect(pickWon('btts', 'yes', 1, 1)).toBe(true);
    expect(pickWon('btts', 'no', 1, 1)).toBe(false);
    expect(pickWon('1x2', 'draw', 0, 0)).toBe(true);
    expect(pickWon('ou25', 'under', 0, 0)).toBe(true);
  });

  it('When nothing is settled, then ROI, hit rate and CLV are null', () => {
    expect(portfolioTotals([])).toMatchObject({ roi: null, hitRate: null, clv: null, settled: 0 });
  });
});
