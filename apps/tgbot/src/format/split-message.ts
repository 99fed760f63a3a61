// Telegram refuses a message over 4,096 characters, so long answers are cut into parts. Cuts
// fall on a blank line, else a line break, else a space, so a card never breaks mid-word; the
// text is HTML and our cards close every tag on the line that opens it, so line cuts keep it
// well-formed.

import { TELEGRAM_TEXT_LIMIT } from '@scoreline/queue';

/** Telegram's limit on a media caption (characters after entity parsing). */
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** Splits `text` into parts of at most `limit` characters, preferring paragraph and line ends. */
export function splitMessage(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (limit < 1) throw new RangeError('limit must be positive');
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < limit / 2) cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = limit;
    // An HTML entity must not be cut in two.
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp >= 0 && amp > cut - 8 && !rest.slice(amp, cut).includes(';')) cut = amp || limit;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
