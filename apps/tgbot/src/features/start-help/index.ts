// /start and /help.
import { Composer, type Context } from 'telegraf';
import { replyHtml, t } from '../../context/bot-context';
import { defineFeature } from '../../context/feature';

export const startHelp = defineFeature({
  name: 'startHelp',
  composer(s) {
    const composer = new Composer<Context>();
    composer.start(async (ctx) => {
      const m = t(ctx);
      const freshness = m.freshness(await s.status.latestFinishedDate());
      const example = await s.exampleMatch();
      await replyHtml(ctx, m.start(freshness, example));
    });
    composer.help((ctx) => replyHtml(ctx, t(ctx).help));
    return composer;
  },
});
