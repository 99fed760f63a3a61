// What /settings says, in Russian and English. Inputs arrive as typed (tgHtml escapes them).
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import type { Locale } from '../../i18n/messages';

export interface SettingsTexts {
  current(language: string, zone: string, localNow: string): Html;
  languageName: string;
  usage: Html;
  languageSet: string;
  zoneSet(zone: string, localNow: string): Html;
  badZone(input: string): Html;
  badLanguage(input: string): Html;
  pickZone: Html;
}

export const SETTINGS_TEXTS: Record<Locale, SettingsTexts> = {
  ru: {
    current: (language, zone, localNow) =>
      joinHtml([
        tgHtml`<b>Настройки чата</b>\nЯзык: ${language}\nЧасовой пояс: <code>${zone}</code> `,
        tgHtml`(сейчас ${localNow})\n\nЯзык — кнопками ниже. Часовой пояс — кнопкой `,
        tgHtml`или командой <code>/settings tz Europe/Berlin</code> (любое название IANA).`,
      ]),
    languageName: 'русский',
    usage: joinHtml([
      tgHtml`Настройки: <code>/settings</code>, <code>/settings lang en</code>, `,
      tgHtml`<code>/settings tz Europe/Berlin</code>`,
    ]),
    languageSet: 'Язык: русский.',
    zoneSet: (zone, localNow) =>
      joinHtml([
        tgHtml`Часовой пояс: <code>${zone}</code> (сейчас ${localNow}). Время сводок `,
        tgHtml`и матчей — в нём.`,
      ]),
    badZone: (input) =>
      joinHtml([
        tgHtml`Не знаю часовой пояс «${input}». Нужно название IANA, например <code>Europe/Moscow</code>, `,
        tgHtml`<code>Asia/Tokyo</code>, <code>America/New_York</code>. Настройки не изменены.`,
      ]),
    badLanguage: (input) =>
      joinHtml([
        tgHtml`Не знаю язык «${input}». Доступны: <code>ru</code>, <code>en</code>. `,
        tgHtml`Настройки не изменены.`,
      ]),
    pickZone: tgHtml`Часовой пояс:`,
  },
  en: {
    current: (language, zone, localNow) =>
      joinHtml([
        tgHtml`<b>Chat settings</b>\nLanguage: ${language}\nTime zone: <code>${zone}</code> `,
        tgHtml`(now ${localNow})\n\nLanguage: the buttons below. Time zone: a button `,
        tgHtml`or <code>/settings tz Europe/Berlin</code> (any IANA name).`,
      ]),
    languageName: 'English',
    usage: joinHtml([
      tgHtml`Settings: <code>/settings</code>, <code>/settings lang ru</code>, `,
      tgHtml`<code>/settings tz Europe/Berlin</code>`,
    ]),
    languageSet: 'Language: English.',
    zoneSet: (zone, localNow) =>
      tgHtml`Time zone: <code>${zone}</code> (now ${localNow}). Digests and kick-off times use it.`,
    badZone: (input) =>
      joinHtml([
        tgHtml`Unknown time zone “${input}”. Use an IANA name such as <code>Europe/London</code>, `,
        tgHtml`<code>Asia/Tokyo</code>, <code>America/New_York</code>. Nothing was changed.`,
      ]),
    badLanguage: (input) =>
      joinHtml([
        tgHtml`Unknown language “${input}”. Available: <code>ru</code>, <code>en</code>. `,
        tgHtml`Nothing was changed.`,
      ]),
    pickZone: tgHtml`Time zone:`,
  },
};
