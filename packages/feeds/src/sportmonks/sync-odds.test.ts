import { describe, expect, it } from '@jest/globals';
import { oddsInputsOf } from './sync-odds';
import type { SmOdds } from './types';

const NOW = new Date('2025-03-10T12:00:00Z');

function odds(
  marketId: number,
  selections: Array<[label: string, value: number, total?: string, handicap?: string]>,
  extra: Partial<SmOdds> = {},
): SmOdds {
  const prices: SmOdds['prices'] = {};
  if (marketId === 1) {
    for (const [label, value] of selections) {
      const key = (
        { home: 'home', '1': 'home', draw: 'draw', x: 'draw', away: 'away', '2': 'away' } as const
      )[label.toLowerCase() as 'home'];
      if (key) prices[key] = value;
    }
  }
  return {
    fixtureId: 1,
    bookmakerId: 2,
    marketId,
    market: marketId === 1 ? '1x2' : 'other',
    prices,
    selections: selections.map(([label, value, total, handicap]) => ({
      label,
      value,
      total: total ?? null,
      handicap: handicap ?? null,
    })),
    updatedAt: '2025-03-09 08:30:00',
    ...extra,
  };
}

describe('oddsInputsOf', () => {
  it('should keep a complete 1X2 set with the bookmaker id and the bookmaker update time', () => {
    const [input, ...rest] = oddsInputsOf(
      [
        odds(1, [
          ['Home', 2.1],
          ['Draw', 3.3],
          ['Away', 3.4],
        ]),
      ],
      NOW,
    );

    expect(rest).toEqual([]);
    expect(input).toEqual({
      bookmaker: 'sm:2',
      market: '1x2',
      kind: 'pre',
      priceHome: 2.1,
      priceDraw: 3.3,
      priceAway: 3.4,
      collectedAt: new Date('2025-03-09T08:30:00Z'),
      source: 'sportmonks',
    });
  });

  it('should drop incomplete sets and markets it does not store', () => {
    const inputs = oddsInputsOf(
      [
        odds(1, [
          ['Home', 2.1],
          ['Away', 3.4],
        ]),
        odds(80, [['Over', 1.9, '2.5']]),
        odds(2, [['Home/Draw', 1.3]]),
      ],
      NOW,
    );

    expect(inputs).toEqual([]);
  });

  it('should pair totals by line and handicaps by the home line, quarter lines as their mean', () => {
    const inputs = oddsInputsOf(
      [
        odds(80, [
          ['Over', 1.9, '2.5'],
          ['Under', 1.95, '2.5'],
          ['Over', 2.6, '3.5'],
          ['Under', 1.5, '3.5'],
        ]),
        odds(6, [
          ['Home', 1.8, undefined, '-0.5, -1.0'],
          ['Away', 2.05, undefined, '+0.5, +1.0'],
          ['1', 2.2, undefined, '+0.5'],
          ['2', 1.7, undefined, '-0.5'],
        ]),
      ],
      NOW,
    );

    expect(
      inputs.map((i) => [
        i.market,
        i.line,
        i.priceOver ?? i.priceHome,
        i.priceUnder ?? i.priceAway,
      ]),
    ).toEqual([
      ['ou_2.5', 2.5, 1.9, 1.95],
      ['ou_3.5', 3.5, 2.6, 1.5],
      ['ah', -0.75, 1.8, 2.05],
      ['ah', 0.5, 2.2, 1.7],
    ]);
  });

  it('should take the clock when the bookmaker update time is missing, and keep one set per identity', () => {
    const inputs = oddsInputsOf(
      [
        odds(
          80,
          [
            ['Over', 1.9, '2.5'],
            ['Under', 1.95, '2.5'],
          ],
          { updatedAt: null },
        ),
        odds(
          81,
          [
            ['Over', 1.8, '2.5'],
            ['Under', 2.0, '2.5'],
          ],
          { marketId: 81 },
        ),
      ],
      NOW,
      { totals: [80, 81] },
    );

    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ market: 'ou_2.5', priceOver: 1.9, collectedAt: NOW });
  });
});
