import { describe, expect, it } from '@jest/globals';
import { parseClock, parseSubscribeArgs } from './subscribe';

describe('/subscribe arguments', () => {
  it.each([
    ['', { kind: 'ok', time: null, league: null }],
    ['07:30', { kind: 'ok', time: '07:30', league: null }],
    ['E0', { kind: 'ok', time: null, league: 'E0' }],
    ['e0 9:05', { kind: 'ok', time: '09:05', league: 'e0' }],
    ['18.45 all', { kind: 'ok', time: '18:45', league: null }],
    ['25:00', { kind: 'badTime', input: '25:00' }],
    ['12:60 E0', { kind: 'badTime', input: '12:60' }],
    ['1:2', { kind: 'badTime', input: '1:2' }],
    ['07:30 08:00', { kind: 'usage' }],
    ['E0 SP1', { kind: 'usage' }],
    ['07:30 E0 extra', { kind: 'usage' }],
  ])('When the arguments are %j, then they read as %j', (payload, expected) => {
    expect(parseSubscribeArgs(payload)).toEqual(expected);
  });

  it('When a clock is at the edges of the day, then 00:00 and 23:59 pass and 24:00 does not', () => {
    expect(parseClock('00:00')).toBe('00:00');
    expect(parseClock('23:59')).toBe('23:59');
    expect(parseClock('24:00')).toBeNull();
  });
});
