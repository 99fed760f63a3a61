import { describe, expect, it } from '@jest/globals';

import { normaliseTeamName } from './team-name';

describe('normaliseTeamName', () => {
  it.each([
    ['Borussia Mönchengladbach', 'borussia monchengladbach'],
    ["M'gladbach", 'mgladbach'],
    ['Nott’m Forest', 'nottm forest'],
    ["Nott'm  Forest ", 'nottm forest'],
    ['Brighton & Hove Albion', 'brighton and hove albion'],
    ['Brighton and Hove Albion', 'brighton and hove albion'],
    ['St. Pauli', 'st pauli'],
    ['Saint-Étienne', 'saint etienne'],
    ['AFC Bournemouth', 'bournemouth'],
    ['Cádiz CF', 'cadiz'],
    ['1. FC Köln', 'koln'],
    ['FC Koln', 'koln'],
    ['1. FC Union Berlin', 'union berlin'],
    ['Brøndby IF', 'brondby if'],
    ['Fortuna Düsseldorf', 'fortuna dusseldorf'],
    ['Манчестер Юнайтед', 'манчестер юнайтед'],
    ['Кёльн', 'кельн'],
    ['ФК Зенит', 'зенит'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseTeamName(input)).toBe(expected);
  });

  it('never strips a name down to nothing', () => {
    expect(normaliseTeamName('FC')).toBe('fc');
    expect(normaliseTeamName('AFC FC')).toBe('fc');
  });
});
