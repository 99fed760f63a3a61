import { describe, expect, it } from '@jest/globals';

import { parseFootballDataCsv } from '../football-data/parse-csv';
import {
  historySeasons,
  readHistory,
  seasonStartYear,
  type HistoryLeague,
} from '@test-support/history';
import { builtInTeamAliases, createAliasResolver, createBuiltInAliasResolver } from './aliases';
import { normaliseTeamName } from '@scoreline/db';

const resolver = createBuiltInAliasResolver();

/** Every team of the bundled seasons of `league` from 2015/16 on. */
function teamsFrom1516(league: HistoryLeague): string[] {
  const names = new Set<string>();
  for (const season of historySeasons(league).filter((s) => seasonStartYear(s) >= 2015)) {
    const file = `${league}/season-${season}.csv`;
    for (const m of parseFootballDataCsv(readHistory(league, season), { file, league }).matches) {
      names.add(m.home);
      names.add(m.away);
    }
  }
  return [...names];
}

describe('built-in team aliases', () => {
  it.each([
    ['E0', 34],
    ['SP1', 31],
    ['D1', 30],
  ] as const)('resolves every %s team from 2015/16 on', (league, count) => {
    const names = teamsFrom1516(league);
    expect(names.length).toBe(count);
    expect(resolver.unresolved(names, league)).toEqual([]);
    expect(resolver.unresolved(names)).toEqual([]);
  });

  it('gives distinct canonical names to distinct source teams', () => {
    const names = [...teamsFrom1516('E0'), ...teamsFrom1516('SP1'), ...teamsFrom1516('D1')];
    const canonical = new Set(names.map((n) => resolver.resolve(n)?.canonical));
    expect(canonical.size).toBe(names.length);
  });

  it.each([
    ['Man United', 'Manchester United', 'Манчестер Юнайтед', 'Ман Юнайтед'],
    ['Man City', 'Manchester City', 'Манчестер Сити', 'Ман Сити'],
    ["Nott'm Forest", 'Nottingham Forest', 'Ноттингем Форест', 'Nottingham Forest FC'],
    ['Wolves', 'Wolverhampton Wanderers', 'Вулверхэмптон', 'Wolverhampton Wanderers FC'],
    ['Brighton', 'Brighton & Hove Albion', 'Брайтон', 'Brighton and Hove Albion'],
    ['Tottenham', 'Tottenham Hotspur', 'Тоттенхэм', 'Spurs'],
    ['Bournemouth', 'AFC Bournemouth', 'Борнмут', 'Bournemouth'],
    ['Ath Madrid', 'Atlético Madrid', 'Атлетико Мадрид', 'Atletico Madrid'],
    ['Ath Bilbao', 'Athletic Club', 'Атлетик Бильбао', 'Athletic Bilbao'],
    ['Sociedad', 'Real Sociedad', 'Реал Сосьедад', 'Real Sociedad'],
    ['Betis', 'Real Betis', 'Бетис', 'Real Betis Balompié'],
    ['Celta', 'Celta de Vigo', 'Сельта', 'RC Celta'],
    ['Espanol', 'Espanyol', 'Эспаньол', 'RCD Espanyol'],
    ['Vallecano', 'Rayo Vallecano', 'Райо Вальекано', 'Rayo Vallecano'],
    ['Real Madrid', 'Real Madrid', 'Реал Мадрид', 'Real Madrid CF'],
    ['Bayern Munich', 'FC Bayern München', 'Бавария', 'Bayern München'],
    ['Leverkusen', 'Bayer 04 Leverkusen', 'Байер', 'Bayer Leverkusen'],
    ['Dortmund', 'Borussia Dortmund', 'Боруссия Дортмунд', 'BVB'],
    [
      "M'gladbach",
      'Borussia Mönchengladbach',
      'Боруссия Мёнхенгладбах',
      'Borussia Monchengladbach',
    ],
    ['Ein Frankfurt', 'Eintracht Frankfurt', 'Айнтрахт', 'Eintracht Frankfurt'],
    ['FC Koln', '1. FC Köln', 'Кёльн', 'Кельн'],
    ['Hertha', 'Hertha BSC', 'Герта', 'Hertha Berlin'],
    ['Mainz', '1. FSV Mainz 05', 'Майнц', 'FSV Mainz 05'],
    ['St Pauli', 'FC St. Pauli', 'Санкт-Паули', 'St. Pauli'],
    ['Paris SG', 'Paris Saint-Germain', 'ПСЖ', 'PSG'],
    ['Hearts', 'Heart of Midlothian', 'Хартс', 'Heart of Midlothian'],
    ['FC Copenhagen', 'FC København', 'Копенгаген', 'København'],
    ['Arsenal', 'Arsenal', 'Арсенал', 'Arsenal FC'],
    ['Chelsea', 'Chelsea', 'Челси', 'Chelsea FC'],
  ])('%s (CSV), %s (SportMonks) and %s / %s are one team', (csv, sportmonks, ru, other) => {
    const expected = resolver.resolve(csv);
    expect(expected).not.toBeNull();
    expect(resolver.resolve(sportmonks)).toEqual(expected);
    expect(resolver.resolve(ru)).toEqual(expected);
    expect(resolver.resolve(other)).toEqual(expected);
  });

  it('has no alias shared by two teams of the same country', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of builtInTeamAliases()) {
      for (const alias of [e.canonical, ...e.aliases]) {
        const key = `${e.country}|${normaliseTeamName(alias)}`;
        const other = seen.get(key);
        if (other !== undefined && other !== e.canonical)
          clashes.push(`${alias}: ${other} / ${e.canonical}`);
        seen.set(key, e.canonical);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('covers at least the current top division of each mapped league', () => {
    const countries = new Map<string, number>();
    for (const e of builtInTeamAliases())
      countries.set(e.country!, (countries.get(e.country!) ?? 0) + 1);
    expect(countries.get('Italy')).toBeGreaterThanOrEqual(20);
    expect(countries.get('France')).toBeGreaterThanOrEqual(18);
    expect(countries.get('Scotland')).toBeGreaterThanOrEqual(12);
    expect(countries.get('Denmark')).toBeGreaterThanOrEqual(12);
  });

  it('gives every team a Russian name', () => {
    const withCyrillic = builtInTeamAliases().filter((e) =>
      e.aliases.some((a) => /\p{Script=Cyrillic}/u.test(a)),
    );
    expect(withCyrillic).toHaveLength(builtInTeamAliases().length);
  });
});

describe('createAliasResolver', () => {
  const r = createAliasResolver([
    { canonical: 'Everton', country: 'England', aliases: ['The Toffees'] },
    { canonical: 'Everton de Viña del Mar', country: 'Chile', aliases: ['Everton'] },
    { canonical: 'Nacional', aliases: ['Club Nacional'] },
  ]);

  it('returns null for unknown names and does no fuzzy matching', () => {
    expect(r.resolve('Evertn')).toBeNull();
    expect(r.resolve('')).toBeNull();
  });

  it('refuses to guess between teams sharing a spelling, and uses the league country to decide', () => {
    expect(r.resolve('Everton')).toBeNull();
    expect(r.resolve('Everton', 'E0')).toEqual({ canonical: 'Everton', country: 'England' });
    expect(r.resolve('Everton', '8')).toEqual({ canonical: 'Everton', country: 'England' });
    expect(r.resolve('The Toffees')).toEqual({ canonical: 'Everton', country: 'England' });
  });

  it('matches the canonical name itself and entries without country', () => {
    expect(r.resolve('nacional')).toEqual({ canonical: 'Nacional' });
    expect(r.resolve('Everton de Vina del Mar')?.canonical).toBe('Everton de Viña del Mar');
  });

  it('lists distinct unresolved names in first-seen order', () => {
    expect(r.unresolved(['Zeta', 'The Toffees', 'Alpha', 'Zeta', 'Everton'])).toEqual([
      'Zeta',
      'Alpha',
      'Everton',
    ]);
    expect(r.unresolved(['Everton'], 'E0')).toEqual([]);
  });
});
