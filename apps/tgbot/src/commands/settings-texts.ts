// What /settings says, in Russian and English. Zone names reach these functions escaped.
import type { Locale } from '../i18n/messages';

export interface SettingsTexts {
  current(language: string, zone: string, localNow: string): string;
  languageName: string;
  usage: string;
  languageSet: string;
  zoneSet(zone: string, localNow: string): string;
  badZone(input: string): string;
  badLanguage(input: string): string;
  pickZone: string;
}

export const SETTINGS_TEXTS: Record<Locale, SettingsTexts> = {
  ru: {
    current: (language, zone, localNow) =>
      '<b>Настройки чата</b>\n' +
      `Язык: ${language}\n` +
      `Часовой пояс: <code>${zone}</code> (сейчас ${localNow})\n\n` +
      'Язык — кнопками ниже. Часовой пояс — кнопкой или командой ' +
      '<code>/settings tz Europe/Berlin</code> (любое название IANA).',
    languageName: 'русский',
    usage:
      'Настройки: <code>/settings</code>, <code>/settings lang en</code>, ' +
      '<code>/settings tz Europe/Berlin</code>',
    languageSet: 'Язык: русский.',
    zoneSet: (zone, localNow) =>
      `Часовой пояс: <code>${zone}</code> (сейчас ${localNow}). Время сводок и матчей — в нём.`,
    badZone: (input) =>
      `Не знаю часовой пояс «${input}». Нужно название IANA, например ` +
      '<code>Europe/Moscow</code>, <code>Asia/Tokyo</code>, <code>America/New_York</code>. ' +
      'Настройки не изменены.',
    badLanguage: (input) =>
      `Не знаю язык «${input}». Доступны: <code>ru</code>, <code>en</code>. Настройки не изменены.`,
    pickZone: 'Часовой пояс:',
  },
  en: {
    current: (language, zone, localNow) =>
      '<b>Chat settings</b>\n' +
      `Language: ${language}\n` +
      `Time zone: <code>${zone}</code> (now ${localNow})\n\n` +
      'Language: the buttons below. Time zone: a button or ' +
      '<code>/settings tz Europe/Berlin</code> (any IANA name).',
    languageName: 'English',
    usage:
      'Settings: <code>/settings</code>, <code>/settings lang ru</code>, ' +
      '<code>/settings tz Europe/Berlin</code>',
    languageSet: 'Language: English.',
    zoneSet: (zone, localNow) =>
      `Time zone: <code>${zone}</code> (now ${localNow}). Digests and kick-off times use it.`,
    badZone: (input) =>
      `Unknown time zone “${input}”. Use an IANA name such as <code>Europe/London</code>, ` +
      '<code>Asia/Tokyo</code>, <code>America/New_York</code>. Nothing was changed.',
    badLanguage: (input) =>
      `Unknown language “${input}”. Available: <code>ru</code>, <code>en</code>. Nothing was changed.`,
    pickZone: 'Time zone:',
  },
};
