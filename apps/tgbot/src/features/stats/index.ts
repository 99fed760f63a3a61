// /stats and /export: the bot's track record, as text, a chart and a CSV.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerExport } from './export';
import { registerStats } from './stats';
import { STATS_TEXTS } from './texts';

export const stats = defineFeature({
  name: 'stats',
  texts: STATS_TEXTS,
  listing: [
    {
      command: 'stats',
      menu: { ru: 'Точность прогнозов бота', en: 'The bot’s track record' },
      help: {
        ru: tgHtml`/stats [лига] — точность прогнозов бота против рынка`,
        en: tgHtml`/stats [league] — the bot’s track record against the market`,
      },
    },
    {
      command: 'export',
      menu: { ru: 'Прогнозы в CSV', en: 'Predictions as CSV' },
      help: {
        ru: tgHtml`/export <i>id</i>|<i>лига</i> — прогнозы в CSV`,
        en: tgHtml`/export <i>id</i>|<i>league</i> — predictions as CSV`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerStats(composer, s);
    registerExport(composer, s);
    return composer;
  },
});
