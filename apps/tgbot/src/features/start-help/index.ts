// /start and /help.
import { joinHtml, tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { chatState, replyHtml, t } from '../../context/bot-context';
import { defineFeature } from '../../context/feature';

export const startHelp = defineFeature({
  name: 'startHelp',
  listing: [
    {
      command: 'help',
      menu: { ru: 'Список команд', en: 'Commands' },
      help: { ru: tgHtml`/help — эта справка`, en: tgHtml`/help — this help` },
    },
    { command: 'start', menu: { ru: 'О боте', en: 'About the bot' } },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    composer.start(async (ctx) => {
      const m = t(ctx);
      const freshness = m.freshness(await s.status.latestFinishedDate());
      const example = await s.exampleMatch();
      await replyHtml(ctx, m.start(freshness, example));
    });
    composer.help((ctx) =>
      replyHtml(
        ctx,
        joinHtml([t(ctx).helpTitle, ...s.commands.helpLines(chatState(ctx).locale)], '\n'),
      ),
    );
    return composer;
  },
});
