import { describe, expect, it } from '@jest/globals';
import { parseAlertArgs } from './alerts';

describe('/alerts arguments', () => {
  it('When settings are typed, then each reads as its change', () => {
    expect(parseAlertArgs('')).toEqual({ show: true });
    expect(parseAlertArgs('on')).toEqual({ change: { enabled: true } });
    expect(parseAlertArgs('edge 7,5')).toEqual({ change: { minEdge: 7.5 } });
    expect(parseAlertArgs('max 3')).toEqual({ change: { maxPerDay: 3 } });
    expect(parseAlertArgs('quiet 23:00-08:00')).toEqual({
      change: { quiet: { from: '23:00', to: '08:00' } },
    });
    expect(parseAlertArgs('quiet off')).toEqual({ change: { quiet: null } });
    expect(parseAlertArgs('leagues e0 sp1')).toEqual({ change: { leagues: ['E0', 'SP1'] } });
    expect(parseAlertArgs('leagues all')).toEqual({ change: { leagues: [], mutedLeagues: [] } });
    expect(parseAlertArgs('markets 1x2 btts')).toEqual({ change: { markets: ['1x2', 'btts'] } });
  });

  it('When a value is out of range or unknown, then the word is named back', () => {
    expect(parseAlertArgs('edge 80')).toEqual({ bad: '80' });
    expect(parseAlertArgs('quiet 25:00-08:00')).toEqual({ bad: '25:00-08:00' });
    expect(parseAlertArgs('markets ah')).toEqual({ bad: 'ah' });
    expect(parseAlertArgs('loud')).toEqual({ bad: 'loud' });
  });
});
