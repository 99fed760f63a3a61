import { describe, expect, it } from '@jest/globals';
import { formatLogfmt, formatValue } from './logfmt';

describe('formatLogfmt', () => {
  it('quotes only values that need it', () => {
    expect(
      formatLogfmt([
        ['level', 'info'],
        ['msg', 'text with spaces'],
        ['n', 3],
        ['ok', true],
        ['empty', ''],
        ['eq', 'a=b'],
      ]),
    ).toBe('level=info msg="text with spaces" n=3 ok=true empty="" eq="a=b"');
  });

  it('escapes quotes, backslashes and newlines so a line stays one line', () => {
    const line = formatLogfmt([['msg', 'say "hi"\\now\nnext\tcol']]);
    expect(line).toBe('msg="say \\"hi\\"\\\\now\\nnext\\tcol"');
    expect(line).not.toContain('\n');
  });

  it('flattens nested objects into dotted keys and JSON-encodes arrays', () => {
    expect(
      formatLogfmt([
        ['job', { id: 7, data: { league: 'EPL' } }],
        ['tags', ['a', 'b c']],
      ]),
    ).toBe('job.id=7 job.data.league=EPL tags="[\\"a\\",\\"b c\\"]"');
  });

  it('drops undefined, renders null and dates', () => {
    expect(
      formatLogfmt([
        ['a', undefined],
        ['b', null],
        ['c', new Date('2026-11-28T07:00:00.000Z')],
      ]),
    ).toBe('b=null c=2026-11-28T07:00:00.000Z');
  });

  it('sanitises keys that would break parsing', () => {
    expect(formatLogfmt([['bad key=x', 1]])).toBe('bad_key_x=1');
  });

  it('leaves non-ASCII text unquoted when it has no spaces', () => {
    expect(formatValue('Приложение')).toBe('Приложение');
    expect(formatValue(10n)).toBe('10');
  });
});
