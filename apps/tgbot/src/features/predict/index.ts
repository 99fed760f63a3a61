// /predict, a plain "home - away" message, and the team-name suggestions offered as buttons.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { t } from '../../context/bot-context';
import { callbackRoute, defineFeature } from '../../context/feature';
import { choiceButton } from './buttons';
import { registerPredict, servePrediction } from './predict';

export const predict = defineFeature({
  name: 'predict',
  listing: [
    {
      command: 'predict',
      menu: { ru: 'Прогноз: хозяева - гости', en: 'Prediction: home - away' },
      help: {
        ru: tgHtml`/predict <i>хозяева</i> - <i>гости</i> — прогноз матча`,
        en: tgHtml`/predict <i>home</i> - <i>away</i> — match prediction`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerPredict(composer, s);
    return composer;
  },
  callbacks: [
    callbackRoute(choiceButton, async (ctx, s, action, messageId) => {
      const choice = s.choices.get(action.stashId, action.index);
      if (!choice) {
        await ctx.answerCbQuery(t(ctx).staleButton);
        return;
      }
      await ctx.answerCbQuery();
      servePrediction(ctx, s, { ...choice.query, [choice.which]: choice.name }, messageId);
    }),
  ],
});
