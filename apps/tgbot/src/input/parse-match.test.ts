import { describe, expect, it } from '@jest/globals';
import { MAX_TEAM_NAME, parseMatchQuery } from './parse-match';

const CODES = new Set(['E0', 'SP1', 'D1']);

describe('parseMatchQuery', () => {
  it.each([
    ['Arsenal - Chelsea', 'Arsenal', 'Chelsea'],
    ['Man United – Man City', 'Man United', 'Man City'],
    ['Арсенал — Челси', 'Арсенал', 'Челси'],
    ['Арсенал—Челси', 'Арсенал', 'Челси'],
    ['Real Madrid vs Barcelona', 'Real Madrid', 'Barcelona'],
    ['Real Madrid vs. Barcelona', 'Real Madrid', 'Barcelona'],
    ['Lyon v Saint-Etienne', 'Lyon', 'Saint-Etienne'],
    ['Спартак против ЦСКА', 'Спартак', 'ЦСКА'],
    ['Arsenal Chelsea', 'Arsenal', 'Chelsea'],
    ['  Arsenal   -   Chelsea  ', 'Arsenal', 'Chelsea'],
  ])('When the text is %j, then home and away are split at the separator', (text, home, away) => {
    expect(parseMatchQuery(text, CODES)).toEqual({ home, away });
  });

  it('When the first word is a known league code in any case, then it becomes the league', () => {
    expect(parseMatchQuery('e0 Arsenal vs Chelsea', CODES)).toEqual({
      league: 'E0',
      home: 'Arsenal',
      away: 'Chelsea',
    });
    expect(parseMatchQuery('SP1 Sevilla Betis', CODES)).toEqual({
      league: 'SP1',
      home: 'Sevilla',
      away: 'Betis',
    });
  });

  it('When a hyphen is part of a name, then it does not split the pair', () => {
    expect(parseMatchQuery('Saint-Etienne Lyon', CODES)).toEqual({
      home: 'Saint-Etienne',
      away: 'Lyon',
    });
  });

  it.each([
    [''],
    ['Arsenal'],
    ['Man United Chelsea'],
    ['Arsenal - Chelsea - Fulham'],
    ['Arsenal - '],
    [`${'a'.repeat(MAX_TEAM_NAME + 1)} - Chelsea`],
  ])('When the text is %j, then it is not a pair of team names', (text) => {
    expect(parseMatchQuery(text, CODES)).toBeNull();
  });
});
