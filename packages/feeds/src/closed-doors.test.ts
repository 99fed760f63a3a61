import { describe, expect, it } from '@jest/globals';

import {
  CLOSED_DOORS_IN_MODEL,
  CLOSED_DOORS_PERIODS,
  isBehindClosedDoors,
  markClosedDoors,
} from './closed-doors';

describe('closed-doors calendar', () => {
  it.each([
    ['E0', '2020-06-16', false],
    ['E0', '2020-06-17', true],
    ['E0', '2020-12-05', true],
    ['E0', '2021-05-16', true],
    ['E0', '2021-05-17', false],
    ['E0', '2021-05-23', false],
    ['SP1', '2020-06-10', false],
    ['SP1', '2020-06-11', true],
    ['SP1', '2021-05-23', true],
    ['SP1', '2021-05-24', false],
    ['D1', '2020-05-15', false],
    ['D1', '2020-05-16', true],
    ['D1', '2021-05-22', true],
    ['D1', '2021-08-13', false],
    ['E0', '2019-08-09', false],
    ['E0', '2024-08-16', false],
    ['I1', '2020-12-01', false],
  ])('When %s plays on %s, then behind closed doors is %s (edges inclusive)', (l, d, closed) => {
    expect(isBehindClosedDoors(l, d)).toBe(closed);
  });

  it('When a period is listed, then it is ordered, dated ISO and says what it was', () => {
    for (const periods of Object.values(CLOSED_DOORS_PERIODS)) {
      for (const p of periods) {
        expect(p.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(p.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(p.from <= p.to).toBe(true);
        expect(p.note.length).toBeGreaterThan(10);
      }
    }
  });

  it('When matches are marked, then only closed-door ones get the flag and the rest are the same objects', () => {
    const a = { date: '2020-06-16', home: 'A' };
    const b = { date: '2020-06-17', home: 'B' };
    const out = markClosedDoors('E0', [a, b], true);
    expect(out[0]).toBe(a);
    expect(out[0]).not.toHaveProperty('behindClosedDoors');
    expect(out[1]).toEqual({ ...b, behindClosedDoors: true });
    expect(b).not.toHaveProperty('behindClosedDoors');
  });

  it('When the loaders use the default, then no match is flagged (the candidate lost its scoring run)', () => {
    expect(CLOSED_DOORS_IN_MODEL).toBe(false);
    const b = { date: '2020-06-17', home: 'B' };
    expect(markClosedDoors('E0', [b])).toEqual([b]);
    expect(markClosedDoors('E0', [b])[0]).not.toHaveProperty('behindClosedDoors');
  });
});
