import { describe, expect, it } from '@jest/globals';
import type { Odds } from '@scoreline/db';
import { closingProb } from './settle-picks';

const row = (kind: 'pre' | 'close', home: number, draw: number, away: number): Odds => ({
  id: 1,
  fixtureId: 1,
  bookmaker: 'PS',
  market: '1x2',
  line: null,
  kind,
  priceHome: home,
  priceDraw: draw,
  priceAway: away,
  priceOver: null,
  priceUnder: null,
  collectedAt: new Date(),
  source: 'test',
});

describe('closing price of a pick', () => {
  it('When closing prices are stored, then the fair closing probability is theirs, de-vigged', () => {
    // 1/2 + 1/3.6 + 1/4 = 1.02778; fair home 0.5 / 1.02778 = 0.48649.
    const odds = [row('pre', 2.5, 3.4, 3), row('close', 2, 3.6, 4)];
    expect(closingProb(odds, '1x2', 'home')).toBeCloseTo(0.48649, 5);
  });

  it('When only pre-match prices are stored, then the last of them stands in; with none it is null', () => {
    // 1/2.5 + 1/3.4 + 1/3 = 1.02745; fair home 0.4 / 1.02745 = 0.38931.
    expect(closingProb([row('pre', 2.5, 3.4, 3)], '1x2', 'home')).toBeCloseTo(0.38931, 5);
    expect(closingProb([], '1x2', 'home')).toBeNull();
  });
});
