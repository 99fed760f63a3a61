// Kick-off times in the chat's language and time zone.
import type { Locale } from '../i18n/messages';

const LOCALE_TAG: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

/** "29 Nov 15:00"-style kick-off for cards. */
export function formatKickoff(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** "15:00" for list lines, where the date is in the header. */
export function formatClock(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** "24 May 2026" / "24 мая 2026 г." for dates in running text. */
export function formatDay(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
}
