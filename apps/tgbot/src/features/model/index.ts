// /model: each league's champion and how it did in its backtest.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerModel } from './model';

export const model = defineFeature({
  name: 'model',
  listing: [
    {
      command: 'model',
      menu: { ru: 'Модели и их точность', en: 'Models and their accuracy' },
      help: {
        ru: tgHtml`/model — модели по лигам и их точность`,
        en: tgHtml`/model — models per league and their accuracy`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerModel(composer, s);
    return composer;
  },
});
