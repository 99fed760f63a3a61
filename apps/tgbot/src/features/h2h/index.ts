// /h2h: two teams' meetings and their aggregate.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerH2h } from './h2h';
import { H2H_TEXTS } from './texts';

export const h2h = defineFeature({
  name: 'h2h',
  texts: H2H_TEXTS,
  listing: [
    {
      command: 'h2h',
      menu: { ru: 'Личные встречи', en: 'Head to head' },
      help: {
        ru: tgHtml`/h2h <i>команда</i> - <i>команда</i> — последние 10 встреч и итог`,
        en: tgHtml`/h2h <i>team</i> - <i>team</i> — last 10 meetings and the aggregate`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerH2h(composer, s);
    return composer;
  },
});
