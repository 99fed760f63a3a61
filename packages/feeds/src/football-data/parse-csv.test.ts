import { describe, expect, it } from '@jest/globals';

import { FeedFormatError } from '../errors';
import { historySeasons, readHistory } from '@test-support/history';
import { syntheticOdds } from '@test-support/synthetic-odds';
import { parseFootballDataCsv } from './parse-csv';
import type { ParsedMatch } from './types';

const HEADER =
  'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,HTHG,HTAG,Referee,HS,AS,PSH,PSD,PSA,PSCH,PSCD,PSCA';

function odds(m: ParsedMatch, bookmaker: string, market: string, kind: string) {
  return m.odds.find((o) => o.bookmaker === bookmaker && o.market === market && o.kind === kind);
}

describe('parseFootballDataCsv on generated odds files (football-data.co.uk layout)', () => {
  it.each([
    ['E0', '2425'],
    ['SP1', '2324'],
    ['D1', '1920'],
    ['E0', '0102'], // referees written "Wiley, A. G.": quoted fields
  ] as const)(
    '%s %s: every row, no rejects, Pinnacle closing 1X2 on every row',
    (league, season) => {
      const { csv, matches } = syntheticOdds(league, season);
      const file = `${league}_${season}.csv`;

      const r = parseFootballDataCsv(csv, { file });

      expect(r.dataRows).toBe(matches.length);
      expect(r.rejects).toEqual([]);
      expect(r.matches.map((m) => [m.date, m.home, m.away])).toEqual(
        matches.map((m) => [m.date, m.home, m.away]),
      );
      for (const m of r.matches) {
        expect(m.league).toBe(league);
        expect(m.time).toMatch(/^\d\d:\d\d$/);
        expect(m.homeGoals).not.toBeNull();
        const ps = odds(m, 'PS', '1x2', 'close');
        expect(ps?.prices.home).toBeGreaterThan(1);
        expect(ps?.prices.draw).toBeGreaterThan(1);
        expect(ps?.prices.away).toBeGreaterThan(1);
        // One bookmaker code for Pinnacle: `P` (totals) is folded into `PS`.
        expect(m.odds.some((o) => o.bookmaker === 'P')).toBe(false);
        expect(odds(m, 'PS', 'ou', 'close')).toMatchObject({ line: 2.5 });
      }
      // Lines are physical file lines: header is line 1, rows follow.
      expect(r.matches[0]!.line).toBe(2);
      expect(r.matches.at(-1)!.line).toBe(matches.length + 1);
    },
  );

  it('reads the renamed totals columns of one mirror (B365_2_5, B365_2_5_1) like the original names', () => {
    const { csv } = syntheticOdds('E0', '1920');
    const [header, ...rows] = csv.split('\r\n');
    const renamed = header!.replace(/>2\.5/g, '_2_5').replace(/<2\.5/g, '_2_5_1');
    expect(renamed).not.toContain('2.5');

    const original = parseFootballDataCsv(csv, { file: 'E0_1920' });
    const r = parseFootballDataCsv([renamed, ...rows].join('\r\n'), { file: 'E0_1920' });

    expect(r.matches).toEqual(original.matches);
    const first = r.matches[0]!;
    // The bundled 2019/20 opener, Liverpool 4-1 Norwich on a Friday: its results and statistics.
    expect(first).toMatchObject({
      date: '2019-08-09',
      home: 'Liverpool',
      away: 'Norwich',
      homeGoals: 4,
      awayGoals: 1,
      ht: { home: 4, away: 0 },
      referee: 'M Oliver',
    });
    expect(first.stats).toMatchObject({ homeShots: 15, awayShots: 12, homeCorners: 11 });
    expect(odds(first, 'B365', 'ou', 'pre')).toMatchObject({
      market: 'ou',
      line: 2.5,
      kind: 'pre',
    });
    expect(Object.keys(odds(first, 'PS', 'ou', 'close')!.prices).sort()).toEqual(['over', 'under']);
  });

  it('reads a BOM file with Betfair exchange and 1xBet columns like the same file without', () => {
    const plain = syntheticOdds('E0', '2425');
    const bom = syntheticOdds('E0', '2425', { bom: true });
    expect(bom.csv.charCodeAt(0)).toBe(0xfeff);

    const r = parseFootballDataCsv(bom.csv, { file: 'E0_2425' });

    expect(r.matches).toEqual(parseFootballDataCsv(plain.csv, { file: 'E0_2425' }).matches);
    const first = r.matches[0]!;
    expect(first.league).toBe('E0');
    expect(first.home).toBe('Man United');
    expect(Object.keys(odds(first, '1XB', '1x2', 'pre')!.prices)).toEqual(['home', 'draw', 'away']);
    const bfe = odds(first, 'BFE', 'ah', 'close')!;
    // Every handicap of a row is on the row's one AHCh line, a quarter of a goal.
    expect(bfe.line).toBe(odds(first, 'PS', 'ah', 'close')!.line);
    expect(Number.isInteger(bfe.line! * 4)).toBe(true);
    expect(bfe.prices.home).toBeGreaterThan(1);
    expect(bfe.prices.away).toBeGreaterThan(1);
  });
});

describe('parseFootballDataCsv on the bundled history (no Div, ISO dates)', () => {
  it('requires a league for files without Div, failing the whole file with one error', () => {
    const text = readHistory('E0', '9394');
    expect(() => parseFootballDataCsv(text, { file: 'season-9394.csv' })).toThrow(FeedFormatError);
    expect(() => parseFootballDataCsv(text, { file: 'season-9394.csv' })).toThrow(
      /season-9394\.csv: .*no Div column/,
    );
  });

  it('parses the 462-match 1993/94 Premier League season', () => {
    const r = parseFootballDataCsv(readHistory('E0', '9394'), {
      file: 'season-9394.csv',
      league: 'E0',
    });
    expect(r.dataRows).toBe(462);
    expect(r.matches).toHaveLength(462);
    expect(r.matches[0]).toMatchObject({
      league: 'E0',
      date: '1993-08-14',
      home: 'Arsenal',
      away: 'Coventry',
      homeGoals: 0,
      awayGoals: 3,
      stats: {},
      odds: [],
    });
    expect(r.matches[0]!.ht).toBeUndefined();
    expect(r.matches[0]!.time).toBeUndefined();
  });

  it.each([
    ['SP1', '2324', 380],
    ['D1', '2324', 306],
    ['D1', '2526', 306],
    ['E0', '2526', 380],
  ] as const)('%s %s parses completely', (league, season, rows) => {
    const file = `${league}/season-${season}.csv`;
    const r = parseFootballDataCsv(readHistory(league, season), { file, league });
    expect(r.rejects).toEqual([]);
    expect(r.matches).toHaveLength(rows);
    expect(r.matches.every((m) => m.league === league && m.ht !== undefined)).toBe(true);
  });
  it.each([
    ['E0', 12_704],
    ['SP1', 12_704],
    ['D1', 10_098],
  ] as const)('parses every %s season (1993/94-2025/26) without rejects', (league, total) => {
    let matches = 0;
    const seasons = historySeasons(league);
    expect(seasons).toHaveLength(33);
    for (const season of seasons) {
      const file = `${league}/season-${season}.csv`;
      const r = parseFootballDataCsv(readHistory(league, season), { file, league });
      expect(r.rejects).toEqual([]);
      matches += r.matches.length;
    }
    expect(matches).toBe(total);
  });
});

describe('parseFootballDataCsv quirks', () => {
  const row = 'E0,10/08/2024,15:00,Arsenal,Wolves,2,0,1,0,A Taylor,18,9,1.2,7.5,15,1.19,7.8,16';

  it('handles BOM, CRLF, blank and comma-only trailing lines', () => {
    const text = `\uFEFF${HEADER}\r\n${row}\r\n,,,,,,,,,,,,,,,,,\r\n\r\n\r\n`;
    const r = parseFootballDataCsv(text, { file: 'crlf.csv' });
    expect(r.dataRows).toBe(1);
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({ league: 'E0', home: 'Arsenal', date: '2024-08-10' });
  });

  it('handles mixed line endings inside one file', () => {
    const text = `${HEADER}\r\n${row}\n${row.replace('Arsenal', 'Chelsea')}\r\n`;
    const r = parseFootballDataCsv(text, { file: 'mixed.csv' });
    expect(r.matches.map((m) => [m.home, m.line])).toEqual([
      ['Arsenal', 2],
      ['Chelsea', 3],
    ]);
  });

  it('numbers lines physically, counting blank lines in the middle', () => {
    const text =
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\n\nE0,2024-01-01,A,B,1,0\n,,,,,\nE0,2024-01-02,C,D,x,0\n';
    const r = parseFootballDataCsv(text, { file: 'f' });
    expect(r.dataRows).toBe(2);
    expect(r.matches.map((m) => m.line)).toEqual([3]);
    expect(r.rejects).toEqual([{ file: 'f', line: 5, reason: 'FTHG: not a goal count "x"' }]);
  });

  it('parses DD/MM/YY, DD/MM/YYYY and ISO dates, pivoting two-digit years', () => {
    const text = [
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG',
      'E0,14/08/93,A,B,1,0',
      'E0,19/08/00,A,B,1,0',
      'E0,01/02/2025,A,B,1,0',
      'E0,2025-02-28,A,B,1,0',
    ].join('\n');
    const r = parseFootballDataCsv(text, { file: 'dates.csv' });
    expect(r.matches.map((m) => m.date)).toEqual([
      '1993-08-14',
      '2000-08-19',
      '2025-02-01',
      '2025-02-28',
    ]);
  });

  it('converts UK local time to UTC across the clock change', () => {
    const text = [
      'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG',
      'E0,26/10/2024,15:00,A,B,1,0', // BST (UTC+1)
      'E0,27/10/2024,15:00,A,B,1,0', // GMT after the change that night
      'E0,30/03/2025,16:30,A,B,1,0', // BST again
      'E0,31/03/2025,9:05,A,B,1,0', // single-digit hour
    ].join('\n');
    const r = parseFootballDataCsv(text, { file: 'time.csv' });
    expect(r.matches.map((m) => m.kickoffUtc)).toEqual([
      '2024-10-26T14:00:00.000Z',
      '2024-10-27T15:00:00.000Z',
      '2025-03-30T15:30:00.000Z',
      '2025-03-31T08:05:00.000Z',
    ]);
    expect(r.matches[3]!.time).toBe('09:05');
  });

  it('rejects bad rows naming the column, and the counts add up', () => {
    const text = [
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG',
      'E0,31/02/2024,A,B,1,0',
      'E0,2024-13-01,A,B,1,0',
      'E0,01/03/2024,,B,1,0',
      'E0,01/03/2024,A,  ,1,0',
      'E0,01/03/2024,A,B,x,0',
      'E0,01/03/2024,A,B,1,-1',
      'E0,01/03/2024,A,B,1,',
      'E0,01/03/2024,A,B,,', // a fixture without a result yet: kept
      'E0,01/03/2024,A,B,3.0,1', // `3.0` is the re-saved spelling of 3
    ].join('\n');
    const r = parseFootballDataCsv(text, { file: 'bad.csv' });
    expect(r.dataRows).toBe(9);
    expect(r.matches.length + r.rejects.length).toBe(r.dataRows);
    expect(r.rejects.map((x) => [x.line, x.reason.split(':')[0]])).toEqual([
      [2, 'Date'],
      [3, 'Date'],
      [4, 'HomeTeam'],
      [5, 'AwayTeam'],
      [6, 'FTHG'],
      [7, 'FTAG'],
      [8, 'FTAG'],
    ]);
    expect(r.rejects.every((x) => x.file === 'bad.csv')).toBe(true);
    expect(r.matches.map((m) => [m.homeGoals, m.awayGoals])).toEqual([
      [null, null],
      [3, 1],
    ]);
  });

  it('uses opts.league for files without Div and keeps Div when present', () => {
    const noDiv = 'Date,HomeTeam,AwayTeam,FTHG,FTAG\n2024-08-10,A,B,1,1\n';
    expect(parseFootballDataCsv(noDiv, { file: 'x', league: 'SP1' }).matches[0]!.league).toBe(
      'SP1',
    );
    const withDiv = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nD1,2024-08-10,A,B,1,1\n';
    expect(parseFootballDataCsv(withDiv, { file: 'x', league: 'SP1' }).matches[0]!.league).toBe(
      'D1',
    );
  });

  it('reads the extra-leagues layout (Home/Away/HG/AG, closing odds only)', () => {
    const text = [
      'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,AvgCH,AvgCD,AvgCA',
      'Denmark,Superliga,2024/2025,19/07/2024,18:00,Silkeborg,Aarhus,1,1,D,2.6,3.4,2.7,2.5,3.3,2.6',
    ].join('\r\n');
    const r = parseFootballDataCsv(text, { file: 'DNK.csv', league: 'DNK' });
    expect(r.matches[0]).toMatchObject({ league: 'DNK', home: 'Silkeborg', homeGoals: 1 });
    expect(r.matches[0]!.odds.map((o) => `${o.bookmaker}/${o.kind}`)).toEqual([
      'PS/close',
      'Avg/close',
    ]);
  });

  it('drops placeholder prices instead of storing them as odds', () => {
    const text =
      'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,B365H,B365D,B365A\nE0,2024-08-10,A,B,1,1,0,,n/a\n';
    expect(parseFootballDataCsv(text, { file: 'x' }).matches[0]!.odds).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \r\n\r\n'],
    ['binary', '\u0000\u0001PK\u0003\u0004\u0000\u0000garbage\u0000'],
    [
      'high bytes, no NUL',
      Buffer.from(Array.from({ length: 1024 }, (_, i) => 0x80 + ((i * 37) % 128))).toString('utf8'),
    ],
    [
      'random bytes',
      Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 151 + 7) % 256)).toString('utf8'),
    ],
    ['wrong header', 'date,home_team,away_team,home_score,away_score\n2024-01-01,A,B,1,0\n'],
    ['header only missing goals', 'Div,Date,HomeTeam,AwayTeam\nE0,2024-01-01,A,B\n'],
  ])('throws FeedFormatError naming the file for %s input', (_label, text) => {
    expect(() => parseFootballDataCsv(text, { file: 'junk.bin' })).toThrow(FeedFormatError);
    expect(() => parseFootballDataCsv(text, { file: 'junk.bin' })).toThrow(/^junk\.bin: /);
  });
});
