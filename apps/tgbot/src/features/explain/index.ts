// /explain and the "Why?" button: the factors behind a forecast.
import { Composer, type Context } from 'telegraf';
import { callbackRoute, defineFeature } from '../../context/feature';
import { explainCallback } from './button';
import { registerExplain, serveExplanation } from './explain';
import { EXPLAIN_TEXTS } from './texts';

export const explain = defineFeature({
  name: 'explain',
  texts: EXPLAIN_TEXTS,
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
