// /value and /compare: the model against the bookmakers' margin-free prices.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerCompare } from './compare';
import { VALUE_TEXTS } from './texts';
import { registerValue } from './value';

export const value = defineFeature({
  name: 'value',
  texts: VALUE_TEXTS,
  listing: [
    {
      command: 'value',
      menu: { ru: 'Модель против букмекеров', en: 'Model vs bookmakers' },
      help: {
        ru: tgHtml`/value [лига] — где модель расходится с букмекерами`,
        en: tgHtml`/value [league] — where the model disagrees with bookmakers`,
      },
    },
    {
      command: 'compare',
      menu: { ru: 'Сравнить с букмекерами по id', en: 'Compare with bookmakers by id' },
      help: {
        ru: tgHtml`/compare <i>id</i> — модель против каждого букмекера`,
        en: tgHtml`/compare <i>id</i> — the model against each bookmaker`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerValue(composer, s);
    registerCompare(composer, s);
    return composer;
  },
});
