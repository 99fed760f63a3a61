import { describe, expect, it } from '@jest/globals';
import { scoreMatrixFromRates } from './dixon-coles/predict';
import { computeMarkets } from './markets';

const m = computeMarkets(scoreMatrixFromRates(1.7, 1.05, -0.07));
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9);

describe('computeMarkets', () => {
  it('1X2, double chance, draw no bet and BTTS are consistent', () => {
    const { home, draw, away } = m.oneXTwo;
    close(home + draw + away, 1);
    close(m.doubleChance.homeOrDraw, 1 - away);
    close(m.doubleChance.drawOrAway, 1 - home);
    close(m.doubleChance.homeOrAway, 1 - draw);
    close(m.drawNoBet.home + m.drawNoBet.away, 1);
    close(m.drawNoBet.home, home / (home + away));
    close(m.bothTeamsToScore.yes + m.bothTeamsToScore.no, 1);
  });

  it('over + under + push = 1 on every total line; pushes only on whole lines', () => {
    for (const t of [...m.totals, ...m.teamTotals.home, ...m.teamTotals.away]) {
      close(t.over + t.under + t.push, 1);
      if (t.line % 1 !== 0) expect(t.push).toBe(0);
    }
    const o25 = m.totals.find((t) => t.line === 2.5)!;
    const o2 = m.totals.find((t) => t.line === 2)!;
    close(o2.over, o25.over);
    expect(o2.push).toBeGreaterThan(0);
  });

  it('Asian handicap settlements sum to 1 and quarter lines split the stake', () => {
    for (const l of m.asianHandicap) {
      for (const s of [l.home, l.away]) close(s.win + s.halfWin + s.push + s.halfLoss + s.loss, 1);
      // The away side of a line is the mirror image of the home side.
      close(l.home.win, l.away.loss);
      close(l.home.halfWin, l.away.halfLoss);
    }
    const at = (line: number) => m.asianHandicap.find((l) => l.line === line)!.home;
    // Level ball (0) is draw no bet: win = P(home), push = P(draw).
    close(at(0).win, m.oneXTwo.home);
    close(at(0).push, m.oneXTwo.draw);
    close(at(-0.5).win, m.oneXTwo.home);
    // −0.25 = half on 0, half on −0.5: a draw loses half the stake.
    close(at(-0.25).halfLoss, m.oneXTwo.draw);
    close(at(-0.25).win, m.oneXTwo.home);
    // Fair odds of a whole line with pushes: o = 1 + P(lose)/P(win).
    close(at(0).fairOdds, 1 + m.oneXTwo.away / m.oneXTwo.home);
    // A quarter line's fair price lies between its two half-stakes' prices.
    expect(at(-0.25).fairOdds).toBeGreaterThan(at(0).fairOdds);
    expect(at(-0.25).fairOdds).toBeLessThan(at(-0.5).fairOdds);
  });

  it('expected goals and most likely scores come from the same matrix', () => {
    // Truncation at 10 goals and τ barely move the means off λ and μ.
    expect(Math.abs(m.expectedGoals.home - 1.7)).toBeLessThan(0.01);
    expect(Math.abs(m.expectedGoals.away - 1.05)).toBeLessThan(0.01);
    close(m.expectedGoals.total, m.expectedGoals.home + m.expectedGoals.away);
    const ps = m.mostLikelyScores.map((s) => s.p);
    expect([...ps].sort((a, b) => b - a)).toEqual(ps);
    expect(m.mostLikelyScores[0]).toMatchObject({ home: 1, away: 1 });
  });

  it('works on a hand-made matrix', () => {
    // Three equally likely scores: 1-0, 0-0, 0-2.
    const p = [
      [1 / 3, 0, 1 / 3],
      [1 / 3, 0, 0],
      [0, 0, 0],
    ];
    const mm = computeMarkets({ maxGoals: 2, p, lambda: 0, mu: 0 });
    close(mm.oneXTwo.home, 1 / 3);
    close(mm.totals.find((t) => t.line === 1.5)!.over, 1 / 3);
    close(mm.bothTeamsToScore.yes, 0);
    close(mm.expectedGoals.away, 2 / 3);
    const h1 = mm.asianHandicap.find((l) => l.line === 1)!.home;
    // +1 for home: 1-0 wins, 0-0 wins, 0-2 loses → 2/3 win, 1/3 loss.
    close(h1.win, 2 / 3);
    close(h1.loss, 1 / 3);
  });
});
