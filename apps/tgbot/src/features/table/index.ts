// /table: a league's standings from the stored results.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerTable } from './table';
import { TABLE_TEXTS } from './texts';

export const table = defineFeature({
  name: 'table',
  texts: TABLE_TEXTS,
  listing: [
    {
      command: 'table',
      menu: { ru: 'Турнирная таблица', en: 'League table' },
      help: {
        ru: tgHtml`/table <i>лига</i> [год] — турнирная таблица`,
        en: tgHtml`/table <i>league</i> [year] — league table`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerTable(composer, s);
    return composer;
  },
});
