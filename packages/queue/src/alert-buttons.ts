// The buttons under a value alert. The worker writes the alert and its buttons onto the outbox;
// the bot's alerts feature answers the presses. Both sides take the payloads from here so they
// cannot drift apart (Telegram's callback_data: at most 64 bytes, `<prefix>:<field>`).

/** Track the alert's pick in the paper portfolio. */
export const ALERT_TRACK_PREFIX = 'at';
/** Stop alerts from the alert's league. */
export const ALERT_MUTE_PREFIX = 'am';
/** The match card (the fixtures feature's own button). */
export const MATCH_CARD_PREFIX = 'm';

/** One inline button an outbox message carries. */
export interface OutboxButton {
  text: string;
  data: string;
}

export const alertTrackData = (alertId: number) => `${ALERT_TRACK_PREFIX}:${alertId}`;
export const alertMuteData = (alertId: number) => `${ALERT_MUTE_PREFIX}:${alertId}`;
export const matchCardData = (fixtureId: number) => `${MATCH_CARD_PREFIX}:${fixtureId}`;
