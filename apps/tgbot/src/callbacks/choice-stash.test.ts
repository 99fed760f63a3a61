import { describe, expect, it } from '@jest/globals';
import { decodeCallback, encodeCallback } from '../features/callback-data';
import { createChoiceStash } from './choice-stash';

describe('choice stash', () => {
  it('When options are stored, then each is found by id and index and the id fits a callback', () => {
    const stash = createChoiceStash<string>();

    const id = stash.put(['Man City', 'Man United']);

    expect(stash.get(id, 1)).toBe('Man United');
    expect(stash.get(id, 2)).toBeUndefined();
    expect(decodeCallback(encodeCallback({ kind: 'choice', stashId: id, index: 1 }))).toEqual({
      kind: 'choice',
      stashId: id,
      index: 1,
    });
  });

  it('When the time to live has passed, then the choice is gone', () => {
    let now = 0;
    const stash = createChoiceStash<string>({ ttlMs: 1_000, now: () => now });
    const id = stash.put(['a']);

    now = 999;
    expect(stash.get(id, 0)).toBe('a');
    now = 1_000;
    expect(stash.get(id, 0)).toBeUndefined();
  });

  it('When more than max choices are stored, then the oldest are dropped first', () => {
    const stash = createChoiceStash<number>({ max: 2 });

    const first = stash.put([1]);
    const second = stash.put([2]);
    const third = stash.put([3]);

    expect(stash.get(first, 0)).toBeUndefined();
    expect(stash.get(second, 0)).toBe(2);
    expect(stash.get(third, 0)).toBe(3);
  });
});
