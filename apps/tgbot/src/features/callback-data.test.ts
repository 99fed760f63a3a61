import { describe, expect, it } from '@jest/globals';
import {
  CALLBACK_DATA_LIMIT,
  decodeCallback,
  encodeCallback,
  type CallbackAction,
} from './callback-data';

describe('callback codec', () => {
  const actions: CallbackAction[] = [
    { kind: 'match', fixtureId: 2_147_483_647 },
    { kind: 'fixtures', league: 'SP1', date: '2026-11-29', page: 999 },
    { kind: 'fixtures', league: null, date: '2024-02-29', page: 0 },
    { kind: 'choice', stashId: 'abcdef012345', index: 99 },
    { kind: 'explain', fixtureId: 2_147_483_647 },
    { kind: 'tablePicture', league: 'SP1', year: 2019 },
  ];

  it.each(actions)(
    'When %j is encoded, then it fits 64 bytes and decodes back to itself',
    (action) => {
      const data = encodeCallback(action);

      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
      expect(decodeCallback(data)).toEqual(action);
    },
  );

  it.each([
    [undefined],
    [''],
    ['m:'],
    ['m:0'],
    ['m:-5'],
    ['m:1.5'],
    ['m:99999999999'],
    ['m:1:2'],
    ['f:E0:20261301:0'],
    ['f:E0:20230229:0'],
    ['f:e0;drop:20261128:0'],
    ['f:E0:20261128:1000'],
    ['c:UPPER1:0'],
    ['c:abcdef:100'],
    ['x:1'],
    ['xp:0'],
    ['xp:12:3'],
    ['xp:abc'],
    ['tp:E0'],
    ['tp:e0:2019'],
    ['tp:E0:19'],
    ['tp:E0:2019:1'],
    [`m:${'1'.repeat(80)}`],
    ['м:1'],
  ])('When the data is %j (forged or stale), then it decodes to null', (data) => {
    expect(decodeCallback(data)).toBeNull();
  });

  it('When an action would exceed 64 bytes, then encoding refuses it', () => {
    expect(() => encodeCallback({ kind: 'choice', stashId: 'a'.repeat(70), index: 0 })).toThrow(
      RangeError,
    );
  });
});
