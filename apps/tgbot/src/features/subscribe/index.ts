// /subscribe and /unsubscribe: the daily digest.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerSubscribe } from './subscribe';
import { SUBSCRIBE_TEXTS } from './texts';

export const subscribe = defineFeature({
  name: 'subscribe',
  texts: SUBSCRIBE_TEXTS,
  listing: [
    {
      command: 'subscribe',
      menu: { ru: 'Ежедневная сводка', en: 'Daily digest' },
      help: {
        ru: tgHtml`/subscribe [ЧЧ:ММ] [лига] — ежедневная сводка прогнозов`,
        en: tgHtml`/subscribe [HH:MM] [league] — daily digest of predictions`,
      },
    },
    {
      command: 'unsubscribe',
      menu: { ru: 'Отписаться от сводки', en: 'Stop the digest' },
      help: {
        ru: tgHtml`/unsubscribe [лига|all] — отписаться от сводки`,
        en: tgHtml`/unsubscribe [league|all] — stop the digest`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerSubscribe(composer, s);
    return composer;
  },
});
