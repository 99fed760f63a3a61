import { describe, expect, it } from '@jest/globals';

import { splitDateRange } from './date-range';

const DAY = 86_400_000;
const days = ([a, b]: [string, string]) => (Date.parse(b) - Date.parse(a)) / DAY + 1;

describe('splitDateRange', () => {
  it('keeps a short range whole', () => {
    expect(splitDateRange('2025-03-01', '2025-03-01')).toEqual([['2025-03-01', '2025-03-01']]);
    expect(splitDateRange('2025-01-01', '2025-04-10')).toEqual([['2025-01-01', '2025-04-10']]);
  });

  it('splits at 100 inclusive days without gaps or overlaps', () => {
    const chunks = splitDateRange('2024-07-01', '2025-06-30');
    expect(chunks.map(days)).toEqual([100, 100, 100, 65]);
    for (let i = 1; i < chunks.length; i++) {
      expect(Date.parse(chunks[i]![0]) - Date.parse(chunks[i - 1]![1])).toBe(DAY);
    }
    expect(chunks[0]![0]).toBe('2024-07-01');
    expect(chunks.at(-1)![1]).toBe('2025-06-30');
  });

  it('splits at 101 days into 100 + 1', () => {
    expect(splitDateRange('2025-01-01', '2025-04-11')).toEqual([
      ['2025-01-01', '2025-04-10'],
      ['2025-04-11', '2025-04-11'],
    ]);
  });

  it('rejects invalid dates and reversed ranges', () => {
    expect(() => splitDateRange('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => splitDateRange('01/03/2025', '2025-03-01')).toThrow(RangeError);
    expect(() => splitDateRange('2025-03-02', '2025-03-01')).toThrow(RangeError);
  });
});
