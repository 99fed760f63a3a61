import { describe, expect, it } from '@jest/globals';
import { normaliseTeamName } from './team-name';

describe(normaliseTeamName.name, () => {
  it.each([
    ["Nott'm Forest", 'nottm forest'],
    ['NOTT’M   FOREST', 'nottm forest'],
    ['AFC Bournemouth', 'bournemouth'],
    ['1. FC Köln', 'koln'],
    ['ФК Зенит', 'зенит'],
    ['Atlético Madrid', 'atletico madrid'],
    ['Bayern München', 'bayern munchen'],
    ['Borussia M.Gladbach', 'borussia mgladbach'],
    ['  Brighton & Hove Albion ', 'brighton and hove albion'],
    ['Wolverhampton-Wanderers', 'wolverhampton wanderers'],
    ['Fortuna Düsseldorf', 'fortuna dusseldorf'],
    ['Vitória Guimarães', 'vitoria guimaraes'],
    ['ЦСКА Москва', 'цска москва'],
    ['Локомотив', 'локомотив'],
    ['Зенит Санкт-Петербург', 'зенит санкт петербург'],
    ['Крылья Советов', 'крылья советов'],
    ['Буревестник Йошкар-Ола', 'буревестник йошкар ола'],
    ['Алёшкинский', 'алешкинский'],
  ])('should normalise %j to %j', (input, expected) => {
    expect(normaliseTeamName(input)).toBe(expected);
  });

  it('should give one key for spellings that differ only in accents, case and punctuation', () => {
    expect(normaliseTeamName('St. Étienne')).toBe(normaliseTeamName('st etienne'));
  });
});
