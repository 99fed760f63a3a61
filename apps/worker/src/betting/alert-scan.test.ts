import { describe, expect, it } from '@jest/globals';
import type { AlertSettings } from '@scoreline/db';
import type { MarketEdge } from '@scoreline/training';
import { inQuietHours, wants } from './alert-scan';

const settings: AlertSettings = {
  chatId: 1,
  enabled: true,
  minEdge: 5,
  leagues: [],
  mutedLeagues: ['SP1'],
  markets: ['1x2', 'ou25'],
  maxPerDay: 5,
  quiet: null,
};
const edge = (market: MarketEdge['market'], pp: number): MarketEdge => ({
  market,
  bookmaker: 'PS',
  edge: { outcome: 'home', model: 0.5, market: 0.5 - pp / 100, price: 2, pp, ev: 0 },
});

describe('value alert choice', () => {
  it('When quiet hours wrap past midnight, then 23:30 and 07:59 are quiet and 08:00 and 22:59 are not', () => {
    const quiet = { from: '23:00', to: '08:00' };
    expect(inQuietHours(quiet, '23:30')).toBe(true);
    expect(inQuietHours(quiet, '07:59')).toBe(true);
    expect(inQuietHours(quiet, '08:00')).toBe(false);
    expect(inQuietHours(quiet, '22:59')).toBe(false);
    expect(inQuietHours({ from: '13:00', to: '15:00' }, '14:00')).toBe(true);
    expect(inQuietHours(null, '14:00')).toBe(false);
  });

  it('When an edge is below the minimum, in a muted league, a league not chosen or a market not chosen, then it is not wanted', () => {
    expect(wants(settings, 'E0', edge('1x2', 5))).toBe(true);
    expect(wants(settings, 'E0', edge('1x2', 4.9))).toBe(false);
    expect(wants(settings, 'SP1', edge('1x2', 9))).toBe(false);
    expect(wants(settings, 'E0', edge('btts', 9))).toBe(false);
    expect(wants({ ...settings, leagues: ['D1'] }, 'E0', edge('1x2', 9))).toBe(false);
  });
});
