// A private message that no feature took: a command the bot does not know, a match typed
// without /predict, or anything else (told how to ask). Last in the feature list: it answers
// every message that reaches it.
import { Composer, type Context } from 'telegraf';
import { replyHtml, t } from '../../context/bot-context';
import { defineFeature } from '../../context/feature';
import { predictFromText } from '../predict/predict';

export const freeText = defineFeature({
  name: 'freeText',
  composer(s) {
    const composer = new Composer<Context>();
    composer.on('message', async (ctx) => {
      if (ctx.chat.type !== 'private' || !('text' in ctx.message)) return;
      const text = ctx.message.text;
      if (text.startsWith('/')) await replyHtml(ctx, t(ctx).unknownCommand);
      else if (!(await predictFromText(ctx, s, text))) {
        await replyHtml(ctx, t(ctx).predictUsage);
      }
    });
    return composer;
  },
});
