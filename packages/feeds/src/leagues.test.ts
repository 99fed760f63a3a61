import { describe, expect, it } from '@jest/globals';

import { findLeague, LEAGUES } from './leagues';

describe('findLeague', () => {
  it.each([
    ['E0', 8],
    ['e1', 9],
    ['SP1', 564],
    ['D1', 82],
    ['I1', 384],
    ['F1', 301],
    ['SC0', 501],
    ['dnk', 271],
  ])('maps code %s to SportMonks id %d and back', (code, id) => {
    const league = findLeague(code);
    expect(league?.sportmonksId).toBe(id);
    expect(findLeague(String(id))).toBe(league);
  });

  it('returns undefined for unknown codes and ids', () => {
    expect(findLeague('XX9')).toBeUndefined();
    expect(findLeague('999999')).toBeUndefined();
    expect(findLeague('')).toBeUndefined();
  });

  it('has unique codes and ids, and marks only the CONTRACT.md ids as contract-verified', () => {
    expect(new Set(LEAGUES.map((l) => l.code)).size).toBe(LEAGUES.length);
    expect(new Set(LEAGUES.map((l) => l.sportmonksId)).size).toBe(LEAGUES.length);
    expect(
      LEAGUES.filter((l) => l.sportmonksIdSource === 'contract').map((l) => l.sportmonksId),
    ).toEqual([501, 271]);
  });
});
