// /explain and the "Why?" button: the factors behind a forecast.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { callbackRoute, defineFeature } from '../../context/feature';
import { explainCallback } from './button';
import { registerExplain, serveExplanation } from './explain';
import { EXPLAIN_TEXTS } from './texts';

export const explain = defineFeature({
  name: 'explain',
  texts: EXPLAIN_TEXTS,
  listing: [
    {
      command: 'explain',
      menu: { ru: 'Почему такой прогноз (по id)', en: 'Why this forecast (by id)' },
      help: {
        ru: tgHtml`/explain <i>id</i> — почему прогноз такой: вклад каждого фактора`,
        en: tgHtml`/explain <i>id</i> — why the forecast is what it is, factor by factor`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerExplain(composer, s);
    return composer;
  },
  callbacks: [
    callbackRoute(explainCallback, async (ctx, s, action) => {
      await ctx.answerCbQuery();
      serveExplanation(ctx, s, action.fixtureId);
    }),
  ],
});
