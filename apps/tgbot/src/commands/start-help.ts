// /start and /help.
import { latestFinishedDate } from '@scoreline/db';
import type { Telegraf } from 'telegraf';
import { replyHtml, t, type BotServices } from '../bot-context';

export function registerStartHelp(bot: Telegraf, s: BotServices): void {
  bot.start(async (ctx) => {
    const m = t(ctx);
    const freshness = m.freshness(await latestFinishedDate(s.db));
    await replyHtml(ctx, m.start(freshness));
  });
  bot.help((ctx) => replyHtml(ctx, t(ctx).help));
}
