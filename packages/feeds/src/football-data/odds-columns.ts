// Maps football-data odds column names to (bookmaker, market, kind, price side).
import type { OddsMarket, ParsedOdds } from './types';

/** Where a column's number goes: a price, or the handicap line of a market snapshot. */
export type OddsColumn =
  | {
      type: 'price';
      bookmaker: string;
      market: OddsMarket;
      kind: 'pre' | 'close';
      side: keyof ParsedOdds['prices'];
    }
  | { type: 'ah-line'; kind: 'pre' | 'close' };

// Bookmaker and aggregate codes from football-data's notes.txt. Longest first so that the regex
// alternation prefers `BFE` over `BF` and `PS` over `P`.
const CODES = [
  'B365',
  'BbMx',
  'BbAv',
  '1XB',
  'BFE',
  'Max',
  'Avg',
  'BF',
  'BS',
  'BW',
  'GB',
  'IW',
  'LB',
  'PS',
  'SB',
  'SJ',
  'SO',
  'SY',
  'VC',
  'WH',
  'P',
].sort((a, b) => b.length - a.length);

const CODE = `(${CODES.join('|')})`;
const X12 = new RegExp(`^${CODE}(C?)([HDA])$`);
// `B365>2.5` / `B365<2.5`, and the renamed `B365_2_5` (over) / `B365_2_5_1` (under) of one mirror.
const OU = new RegExp(`^${CODE}(C?)(?:(>)2\\.5|(<)2\\.5|_2_5(_1)?)$`);
const AH = new RegExp(`^${CODE}(C?)AH([HA])$`);
const AH_LINE = /^(?:Bb)?AH(C?)h$/;

/** Pinnacle is `PS` in 1X2 columns and `P` in totals/handicap columns: one bookmaker, one code. */
function unify(code: string): string {
  return code === 'P' ? 'PS' : code;
}

/** Classifies one header name, or returns null for non-odds columns. */
export function classifyOddsColumn(name: string): OddsColumn | null {
  const ahLine = AH_LINE.exec(name);
  if (ahLine) return { type: 'ah-line', kind: ahLine[1] ? 'close' : 'pre' };
  const x = X12.exec(name);
  if (x) {
    const side = x[3] === 'H' ? 'home' : x[3] === 'D' ? 'draw' : 'away';
    return {
      type: 'price',
      bookmaker: unify(x[1]!),
      market: '1x2',
      kind: x[2] ? 'close' : 'pre',
      side,
    };
  }
  const ou = OU.exec(name);
  if (ou) {
    const over = ou[3] === '>' || (ou[4] === undefined && ou[5] === undefined);
    return {
      type: 'price',
      bookmaker: unify(ou[1]!),
      market: 'ou',
      kind: ou[2] ? 'close' : 'pre',
      side: over ? 'over' : 'under',
    };
  }
  const ah = AH.exec(name);
  if (ah) {
    return {
      type: 'price',
      bookmaker: unify(ah[1]!),
      market: 'ah',
      kind: ah[2] ? 'close' : 'pre',
      side: ah[3] === 'H' ? 'home' : 'away',
    };
  }
  return null;
}
