import { describe, expect, it } from '@jest/globals';
import type { Odds } from '@scoreline/db';
import { bookmakerOrder, books1x2, booksTotal, edgesOf, OUTCOMES_1X2 } from './odds';

let nextId = 1;
function odds(o: Partial<Odds> & Pick<Odds, 'bookmaker'>): Odds {
  return {
    id: nextId++,
    fixtureId: 1,
    market: '1x2',
    line: null,
    kind: 'pre',
    priceHome: null,
    priceDraw: null,
    priceAway: null,
    priceOver: null,
    priceUnder: null,
    collectedAt: new Date('2026-11-28T10:00:00Z'),
    source: 'test',
    ...o,
  };
}
const x12 = (bookmaker: string, h: number, d: number, a: number, kind: 'pre' | 'close' = 'pre') =>
  odds({ bookmaker, kind, priceHome: h, priceDraw: d, priceAway: a });

describe('bookmakerOrder', () => {
  it('When prices come from several books, then the yardstick (Pinnacle, then the average) leads, the rest follow by name, and best-price aggregates and closing-only books are left out', () => {
    const list = [
      x12('WH', 2, 3.4, 4),
      x12('Max', 2.2, 3.6, 4.4),
      x12('Avg', 2, 3.3, 3.9),
      x12('B365', 2, 3.4, 4),
      x12('PS', 2.05, 3.5, 4.1),
      x12('BW', 2, 3.4, 4, 'close'),
    ];

    expect(bookmakerOrder(list)).toEqual(['PS', 'Avg', 'B365', 'WH']);
  });
});

describe('books1x2', () => {
  it('When a book has a full pre-match 1X2, then its margin is removed proportionally and its prices are kept', () => {
    const [book] = books1x2([x12('PS', 2, 4, 4)]);

    // 1/2 + 1/4 + 1/4 = 1: no margin, so the implied probabilities stand.
    expect(book).toEqual({
      bookmaker: 'PS',
      prices: { home: 2, draw: 4, away: 4 },
      probs: { home: 0.5, draw: 0.25, away: 0.25 },
    });
  });

  it('When a book charges a margin, then the de-vigged probabilities sum to one and keep the ratios of the implied ones', () => {
    const [book] = books1x2([x12('B365', 1.8, 3.5, 4.5)]);
    const implied = [1 / 1.8, 1 / 3.5, 1 / 4.5];
    const total = implied.reduce((s, p) => s + p, 0);

    expect(book!.probs.home + book!.probs.draw + book!.probs.away).toBeCloseTo(1, 12);
    expect(book!.probs.home).toBeCloseTo(implied[0]! / total, 12);
    expect(book!.probs.away).toBeCloseTo(implied[2]! / total, 12);
  });

  it('When a book lacks a price or quotes 1.00, then it is skipped', () => {
    const list = [
      odds({ bookmaker: 'PS', priceHome: 2, priceDraw: 3.4 }),
      x12('WH', 1, 3.4, 4),
      x12('B365', 2, 3.4, 4),
    ];

    expect(books1x2(list).map((b) => b.bookmaker)).toEqual(['B365']);
  });
});

describe('booksTotal', () => {
  it('When over/under 2.5 is priced, then both sides are de-vigged; other lines are ignored', () => {
    const list = [
      odds({ bookmaker: 'PS', market: 'ou_2.5', line: 2.5, priceOver: 1.9, priceUnder: 1.9 }),
      odds({ bookmaker: 'B365', market: 'ou_3.5', line: 3.5, priceOver: 3, priceUnder: 1.4 }),
    ];

    expect(booksTotal(list)).toEqual([
      { bookmaker: 'PS', prices: { over: 1.9, under: 1.9 }, probs: { over: 0.5, under: 0.5 } },
    ]);
  });
});

describe('edgesOf', () => {
  it('When the model is above the market on one outcome, then its edge is the difference in p.p. and its EV is model × price − 1', () => {
    const [book] = books1x2([x12('PS', 2, 4, 4)]);

    const edges = edgesOf({ home: 0.6, draw: 0.2, away: 0.2 }, book!, OUTCOMES_1X2);

    expect(edges[0]).toEqual({
      outcome: 'home',
      model: 0.6,
      market: 0.5,
      price: 2,
      pp: expect.closeTo(10, 10),
      ev: expect.closeTo(0.2, 10),
    });
    expect(edges[1]!.pp).toBeCloseTo(-5, 10);
    expect(edges[1]!.ev).toBeCloseTo(-0.2, 10);
  });
});
