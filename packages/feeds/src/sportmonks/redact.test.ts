import { describe, expect, it } from '@jest/globals';

import { redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('removes the token wherever it appears, and api_token / Authorization values', () => {
    const token = 'sekr3tT0ken';
    const text = `GET https://x/v3/football/fixtures?api_token=${token}&page=2 Authorization: ${token} echo ${token}`;
    const out = redactSecrets(text, token);
    expect(out).not.toContain(token);
    expect(out).toContain('api_token=***&page=2');
    expect(redactSecrets('url?api_token=other-token', token)).toBe('url?api_token=***');
    expect(redactSecrets('{"authorization":"Bearer abc"}', token)).not.toContain('abc');
  });
});
