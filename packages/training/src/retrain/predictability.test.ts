import { describe, expect, it } from '@jest/globals';
import type { Odds } from '@scoreline/db';
import type { BacktestPrediction, Probs1x2 } from '@scoreline/model';
import { assessPredictability, isLeaguePredictable } from './predictability';

/** Forecasts of `n` home wins per season, the model saying `model`, the market pricing `market`. */
function season(start: number, n: number, model: Probs1x2): BacktestPrediction[] {
  return Array.from({ length: n }, (_, i) => ({
    date: `${start}-${String(8 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    home: `H${i}`,
    away: `A${i}`,
    homeGoals: 1,
    awayGoals: 0,
    outcome: 0,
    probs: model,
    fitAsOf: `${start}-08-01`,
  }));
}
const closing = (p: Probs1x2): Odds[] => [
  {
    id: 1,
    fixtureId: 1,
    bookmaker: 'PS',
    market: '1x2',
    line: null,
    kind: 'close',
    priceHome: 1 / p[0],
    priceDraw: 1 / p[1],
    priceAway: 1 / p[2],
    priceOver: null,
    priceUnder: null,
    collectedAt: new Date(0),
    source: 'test',
  },
];

describe('predictable flag', () => {
  const market: Probs1x2 = [0.5, 0.3, 0.2]; // RPS of a home win: ½(0.5² + 0.2²) = 0.145

  it('When the model trails the closing market by more than 0.003 over the last two seasons, then the league is not predictable and says why', () => {
    // Three seasons: the oldest (a great model) must not count.
    const preds = [
      ...season(2021, 60, [0.9, 0.05, 0.05]),
      ...season(2022, 60, [0.45, 0.3, 0.25]),
      ...season(2023, 60, [0.45, 0.3, 0.25]),
    ];

    const p = assessPredictability(preds, () => closing(market));

    expect(p.seasons).toEqual(['2022/23', '2023/24']);
    expect(p.n).toBe(120);
    expect(p.marketRps).toBeCloseTo(0.145, 10);
    expect(p.modelRps).toBeCloseTo(0.5 * (0.55 ** 2 + 0.25 ** 2), 10);
    expect(p.predictable).toBe(false);
    expect(p.reason).toMatch(/more than 0.003 of the de-vigged closing market's 0\.1450/);
  });

  it('When the model is within 0.003 of the market, then the league is predictable', () => {
    const preds = [...season(2022, 60, [0.495, 0.3, 0.205]), ...season(2023, 60, market)];

    expect(assessPredictability(preds, () => closing(market))).toMatchObject({
      predictable: true,
      n: 120,
    });
  });

  it('When fewer than 100 matches have closing odds, then the league is not predictable', () => {
    const preds = season(2023, 150, market);

    const p = assessPredictability(preds, (x) => (x.home < 'H5' ? closing(market) : []));

    expect(p.predictable).toBe(false);
    expect(p.reason).toMatch(/have closing odds \(100 needed\)/);
  });

  it('When a model was registered before the flag existed, then it counts as not predictable with the reason', () => {
    expect(isLeaguePredictable({ evaluation: { rps: 0.2 } })).toMatchObject({
      predictable: false,
      reason: expect.stringMatching(/retrain the league/),
    });
    const stored = assessPredictability(season(2023, 120, market), () => closing(market));
    expect(isLeaguePredictable(JSON.parse(JSON.stringify({ predictable: stored })))).toEqual(
      stored,
    );
  });
});
