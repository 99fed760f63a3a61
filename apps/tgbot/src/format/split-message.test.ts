import { describe, expect, it } from '@jest/globals';
import { TELEGRAM_TEXT_LIMIT } from '@scoreline/queue';
import { splitMessage } from './split-message';

describe('splitMessage', () => {
  it('When a text fits, then it is one part unchanged', () => {
    expect(splitMessage('short')).toEqual(['short']);
    expect(splitMessage('')).toEqual(['']);
  });

  it('When a text of lines is over the limit, then it is cut at line ends and nothing is lost', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const text = lines.join('\n');

    const parts = splitMessage(text);

    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(parts.join('\n')).toBe(text);
  });

  it('When one word is longer than the limit, then it is cut hard at the limit', () => {
    const parts = splitMessage('a'.repeat(5_000));

    expect(parts.map((p) => p.length)).toEqual([4096, 904]);
  });

  it('When a cut would fall inside an HTML entity, then the entity stays whole', () => {
    const text = `${'a'.repeat(8)}&amp;${'b'.repeat(8)}`;

    const parts = splitMessage(text, 10);

    expect(parts.every((p) => !/&[a-z]*$/.test(p))).toBe(true);
    expect(parts.join('')).toBe(text);
  });
});
