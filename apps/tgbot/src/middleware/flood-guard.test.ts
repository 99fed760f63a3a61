import { describe, expect, it } from '@jest/globals';
import { createFloodGuard } from './flood-guard';

describe('flood guard', () => {
  it('When a user repeats a request within the duplicate window, then the repeat is dropped', () => {
    let now = 0;
    const guard = createFloodGuard({ duplicateMs: 2_000, now: () => now });

    expect(guard.check(1, '/help')).toBe('allow');
    now = 1_999;
    expect(guard.check(1, '/help')).toBe('duplicate');
    expect(guard.check(2, '/help')).toBe('allow');
    now = 4_000;
    expect(guard.check(1, '/help')).toBe('allow');
  });

  it('When a user goes over the limit, then the first extra request notifies and later ones are silent until the window moves', () => {
    let now = 0;
    const guard = createFloodGuard({ max: 3, windowMs: 10_000, duplicateMs: 0, now: () => now });

    const verdicts = [1, 2, 3, 4, 5].map((i) => guard.check(7, `/match ${i}`));
    now = 10_001;
    const later = guard.check(7, '/match 6');

    expect(verdicts).toEqual(['allow', 'allow', 'allow', 'limited-notify', 'limited']);
    expect(later).toBe('allow');
  });
});
