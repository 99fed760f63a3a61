// Kick-off times in the chat's language and time zone.
import type { Locale } from '../i18n/messages';

const LOCALE_TAG: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

const STYLES = {
  /** "29 Nov 15:00"-style kick-off for cards. */
  kickoff: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  /** "15:00" for list lines, where the date is in the header. */
  clock: { hour: '2-digit', minute: '2-digit' },
  /** "24 May 2026" / "24 мая 2026 г." for dates in running text. */
  day: { day: 'numeric', month: 'long', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// Building an Intl.DateTimeFormat loads locale and zone data (a large share of a card's CPU when
// built per call); there are few styles, two locales and a handful of zones, so keep them.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: keyof typeof STYLES, locale: Locale, timeZone: string) {
  const key = `${style}|${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE_TAG[locale], { timeZone, ...STYLES[style] });
    formatters.set(key, f);
  }
  return f;
}

export const formatKickoff = (at: Date, locale: Locale, timeZone: string): string =>
  formatter('kickoff', locale, timeZone).format(at);

export const formatClock = (at: Date, locale: Locale, timeZone: string): string =>
  formatter('clock', locale, timeZone).format(at);

export const formatDay = (at: Date, locale: Locale, timeZone: string): string =>
  formatter('day', locale, timeZone).format(at);
