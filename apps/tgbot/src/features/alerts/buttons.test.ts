// The worker writes an alert's buttons from @scoreline/queue; the bot's codecs must read them.
import { describe, expect, it } from '@jest/globals';
import { alertMuteData, alertTrackData, matchCardData } from '@scoreline/queue';
import { splitCallback } from '../../callbacks/codec';
import { matchButton } from '../fixtures/buttons';
import { trackButton } from '../portfolio/buttons';
import { muteButton } from './buttons';

const decode = (codec: { prefix: string; decode(f: readonly string[]): unknown }, data: string) => {
  const split = splitCallback(data)!;
  expect(split.prefix).toBe(codec.prefix);
  return codec.decode(split.fields);
};

describe('alert buttons', () => {
  it('When the worker writes track, card and mute buttons, then the bot decodes each to its action', () => {
    expect(decode(trackButton, alertTrackData(42))).toEqual({ kind: 'alertTrack', alertId: 42 });
    expect(decode(matchButton, matchCardData(7))).toEqual({ kind: 'match', fixtureId: 7 });
    expect(decode(muteButton, alertMuteData(42))).toEqual({ kind: 'alertMute', alertId: 42 });
  });

  it('When a forged alert id is pressed, then it does not decode', () => {
    expect(muteButton.decode(['0'])).toBeNull();
    expect(trackButton.decode(['x1'])).toBeNull();
  });
});
