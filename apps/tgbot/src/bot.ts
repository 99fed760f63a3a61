import { Telegraf, type Context } from 'telegraf';

export interface BotLogger {
  info(msg: string, meta?: object): unknown;
  error(msg: string, meta?: object): unknown;
}

const TEXT = {
  ru: {
    start:
      '<b>Scoreline</b> — прогнозы футбольных матчей с откалиброванными вероятностями.\n/help — список команд.',
    help: 'Команды:\n/start — о боте\n/help — эта справка',
    sorry: 'Что-то пошло не так. Попробуйте ещё раз чуть позже.',
  },
  en: {
    start:
      '<b>Scoreline</b> — football match predictions with calibrated probabilities.\n/help — commands.',
    help: 'Commands:\n/start — about the bot\n/help — this help',
    sorry: 'Something went wrong. Please try again a little later.',
  },
} as const;

type Locale = keyof typeof TEXT;

function localeOf(ctx: Context, fallback: Locale): Locale {
  const code = ctx.from?.language_code ?? '';
  if (code.startsWith('en')) return 'en';
  if (code.startsWith('ru')) return 'ru';
  return fallback;
}

/** Builds the bot: commands, and one error handler that never rethrows (it would stop polling). */
export function createBot(opts: {
  token: string;
  apiRoot: string;
  defaultLocale: Locale;
  logger: BotLogger;
}): Telegraf {
  const bot = new Telegraf(opts.token, {
    telegram: { apiRoot: opts.apiRoot },
    handlerTimeout: 30_000,
  });
  bot.start((ctx) =>
    ctx.reply(TEXT[localeOf(ctx, opts.defaultLocale)].start, { parse_mode: 'HTML' }),
  );
  bot.help((ctx) => ctx.reply(TEXT[localeOf(ctx, opts.defaultLocale)].help));
  bot.catch(async (err, ctx) => {
    // Message text and tokens stay out of the log: only what identifies the failure.
    opts.logger.error('update handler failed', {
      update_id: ctx.update.update_id,
      chat_id: ctx.chat?.id,
      error: err instanceof Error ? err.name : typeof err,
    });
    if (ctx.chat) {
      await ctx.reply(TEXT[localeOf(ctx, opts.defaultLocale)].sorry).catch(() => undefined);
    }
  });
  return bot;
}
