// /settings and its buttons: the chat's language and time zone.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { callbackRoute, defineFeature } from '../../context/feature';
import { languageButton, timeZoneButton } from './buttons';
import { applyLanguageButton, applyTimeZoneButton, registerSettings } from './settings';
import { SETTINGS_TEXTS } from './texts';

export const settings = defineFeature({
  name: 'settings',
  texts: SETTINGS_TEXTS,
  listing: [
    {
      command: 'settings',
      menu: { ru: 'Язык и часовой пояс', en: 'Language and time zone' },
      help: {
        ru: tgHtml`/settings — язык и часовой пояс`,
        en: tgHtml`/settings — language and time zone`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerSettings(composer, s);
    return composer;
  },
  callbacks: [
    callbackRoute(languageButton, (ctx, s, action, messageId) =>
      applyLanguageButton(ctx, s, action.locale, messageId),
    ),
    callbackRoute(timeZoneButton, (ctx, s, action, messageId) =>
      applyTimeZoneButton(ctx, s, action.zone, messageId),
    ),
  ],
});
