import { describe, expect, it } from '@jest/globals';
import { decodeCallback, encodeCallback } from '../callback-data';
import { COMMON_ZONES, parseLocale, parseSettingsArgs, parseTimeZone } from './settings';

describe('/settings', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['asia/tokyo', 'Asia/Tokyo'],
    ['UTC', 'UTC'],
    ['america/new_york', 'America/New_York'],
  ])('When the zone is %j, then it is stored as %j', (input, zone) => {
    expect(parseTimeZone(input)).toBe(zone);
  });

  it.each([['Mars/Base'], ['+03:00'], [''], ['Europe/Berlin; DROP'], ['<b>'], ['x'.repeat(70)]])(
    'When the zone is %j, then it is refused',
    (input) => {
      expect(parseTimeZone(input)).toBeNull();
    },
  );

  it.each([
    ['', { kind: 'show' }],
    ['tz Asia/Tokyo', { kind: 'zone', value: 'Asia/Tokyo' }],
    ['timezone Mars/Base', { kind: 'zone', value: 'Mars/Base' }],
    ['lang en', { kind: 'language', value: 'en' }],
    ['en', { kind: 'language', value: 'en' }],
    ['Europe/Berlin', { kind: 'zone', value: 'Europe/Berlin' }],
    ['tz', { kind: 'usage' }],
    ['colour blue', { kind: 'usage' }],
  ])('When the arguments are %j, then they read as %j', (payload, expected) => {
    expect(parseSettingsArgs(payload)).toEqual(expected);
  });

  it('When a language is named, then ru and en (short or long) are known and others are not', () => {
    expect(parseLocale('EN')).toBe('en');
    expect(parseLocale('русский')).toBe('ru');
    expect(parseLocale('de')).toBeNull();
  });

  it('When a settings button is encoded, then it decodes to the same action within 64 bytes', () => {
    for (const zone of COMMON_ZONES) {
      const data = encodeCallback({ kind: 'setTimeZone', zone });
      expect(decodeCallback(data)).toEqual({ kind: 'setTimeZone', zone });
    }
    expect(decodeCallback(encodeCallback({ kind: 'setLanguage', locale: 'en' }))).toEqual({
      kind: 'setLanguage',
      locale: 'en',
    });
    expect(decodeCallback('sl:de')).toBeNull();
    expect(decodeCallback('sz:../../etc')).toBeNull();
  });
});
