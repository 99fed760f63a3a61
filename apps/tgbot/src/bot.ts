// The bot: middleware (flood guard, chat settings), the features (features/index.ts) with the
// router for their buttons, and the one error handler that never rethrows (telegraf's default
// rethrows, which would stop polling). What the bot can do lives in the features, not here.
import type { Db } from '@scoreline/db';
import { describeError, type HeartbeatStore, type Logger } from '@scoreline/ops';
import type { QueueBackend } from '@scoreline/queue';
import type { Predictor } from '@scoreline/training';
import type { Agent } from 'node:http';
import { Telegraf, type Context, type Telegram } from 'telegraf';
import type { BotMetrics } from './bot-metrics';
import { chatState, t, type BotServices } from './context/bot-context';
import { callbackRouter } from './context/callback-router';
import { loadChat, localeOf } from './context/chat-settings';
import { errorReply } from './context/error-text';
import { FEATURES } from './features';
import { createCommandList } from './i18n/command-list';
import { MESSAGES, type Locale } from './i18n/messages';
import { createFloodGuard, type FloodGuardOptions } from './middleware/flood-guard';
import { createBotServices } from './services/bot-services';
import { labelSimulated } from './telegram/simulation-label';

export interface CreateBotOptions {
  token: string;
  apiRoot: string;
  /** HTTP agent for TELEGRAM_PROXY_URL. */
  agent?: Agent;
  defaultLocale: Locale;
  logger: Logger;
  db: Db;
  queue: QueueBackend;
  /** Where forecasts come from, chosen once by the role composition (default: the queue). */
  predictor?: Predictor;
  /** MODEL_REGISTRY_PATH: champions for /form, /season and names, read only without a worker. */
  registryDir?: string;
  /** How long a prediction may take before the user is told the worker did not answer. */
  predictTimeoutMs?: number;
  flood?: FloodGuardOptions;
  /** Applied to every Telegram client the bot uses (429/403 handling, see call-policy). */
  decorateTelegram?: (telegram: Telegram) => void;
  simulated?: boolean;
  /** Telegram user ids allowed to run admin commands (ADMIN_IDS). */
  adminIds?: readonly number[];
  app?: { version: string; gitSha: string };
  now?: () => Date;
  /** The roles' heartbeats (what the launcher beats into), for the admin /status. */
  heartbeats?: HeartbeatStore;
  metrics?: BotMetrics;
}

export interface ScorelineBot {
  bot: Telegraf;
  services: BotServices;
  /** Registers the `/` menu in Russian and English; a failure is logged, never thrown. */
  setCommands(): Promise<void>;
}

const DEFAULT_PREDICT_TIMEOUT_MS = 15_000;

export function createBot(opts: CreateBotOptions): ScorelineBot {
  const { logger, db } = opts;
  const bot = new Telegraf(opts.token, {
    // webhookReply off: every call is a real request whose errors we see (telegraf would
    // otherwise fold some calls into the webhook response and drop their failures).
    telegram: {
      apiRoot: opts.apiRoot,
      webhookReply: false,
      ...(opts.agent ? { agent: opts.agent } : {}),
    },
    handlerTimeout: 30_000,
  });
  opts.decorateTelegram?.(bot.telegram);
  const services: BotServices = createBotServices({
    db,
    queue: opts.queue,
    logger,
    defaultLocale: opts.defaultLocale,
    predictTimeoutMs: opts.predictTimeoutMs ?? DEFAULT_PREDICT_TIMEOUT_MS,
    simulated: opts.simulated ?? false,
    adminIds: opts.adminIds ?? [],
    ...(opts.app ? { app: opts.app } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.heartbeats ? { heartbeats: opts.heartbeats } : {}),
    ...(opts.metrics ? { observePrediction: opts.metrics.prediction } : {}),
    ...(opts.predictor ? { predictor: opts.predictor } : {}),
    ...(opts.registryDir ? { registryDir: opts.registryDir } : {}),
    commands: createCommandList(FEATURES),
  });
  const flood = createFloodGuard(opts.flood);

  // A message-like update without a chat is malformed (Telegram never sends one); every handler
  // below would fail on it, so it is dropped here.
  bot.use((ctx, next) => {
    const message = ctx.message ?? ctx.editedMessage ?? ctx.channelPost ?? ctx.editedChannelPost;
    if (message && !(message as { chat?: unknown }).chat) return;
    return next();
  });
  if (opts.metrics) {
    const metrics = opts.metrics;
    bot.use((ctx, next) => {
      metrics.update(ctx.updateType);
      return next();
    });
  }
  // telegraf builds a new Telegram client for every update, so the policy is applied to each.
  if (opts.decorateTelegram) {
    const decorate = opts.decorateTelegram;
    bot.use((ctx, next) => {
      decorate(ctx.telegram);
      return next();
    });
  }
  if (services.simulated) {
    labelSimulated(bot.telegram, () => MESSAGES[opts.defaultLocale].simulated);
    bot.use((ctx, next) => {
      labelSimulated(ctx.telegram, () => MESSAGES[chatState(ctx).locale].simulated);
      return next();
    });
  }

  bot.use(async (ctx, next) => {
    // Only what a user asks for counts; membership changes and the like pass.
    const userId = ctx.from?.id;
    const key = ctx.callbackQuery
      ? `cb:${'data' in ctx.callbackQuery ? ctx.callbackQuery.data : ''}`
      : ctx.message
        ? `msg:${'text' in ctx.message ? ctx.message.text : ctx.message.message_id}`
        : undefined;
    if (userId === undefined || key === undefined) return next();
    const verdict = flood.check(userId, key);
    if (verdict === 'allow') return next();
    await loadChat(ctx, services.chats, opts.defaultLocale);
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery(verdict === 'duplicate' ? undefined : t(ctx).slowDown);
    } else if (verdict === 'limited-notify') {
      await ctx.reply(t(ctx).slowDown);
    }
  });
  bot.use(async (ctx, next) => {
    await loadChat(ctx, services.chats, opts.defaultLocale);
    return next();
  });

  for (const feature of FEATURES) {
    if (feature.composer) bot.use(feature.composer(services));
  }
  bot.on(
    'callback_query',
    callbackRouter(
      FEATURES.flatMap((f) => f.callbacks ?? []),
      services,
    ),
  );

  bot.catch(async (err, ctx) => {
    // Message text and tokens stay out of the log: only what identifies the failure.
    logger.error('update handler failed', {
      update_id: ctx.update.update_id,
      update_type: ctx.updateType,
      handler: handlerOf(ctx),
      chat_id: ctx.chat?.id,
      ...describeError(err),
    });
    // A chat that blocked the bot cannot read an apology either (errorReply gives null).
    const reply = ctx.chat ? errorReply(err, localeOf(ctx, opts.defaultLocale)) : null;
    if (reply !== null) await ctx.reply(reply).catch(() => undefined);
  });

  return {
    bot,
    services,
    async setCommands() {
      const menu = (locale: Locale) => services.commands.menu(locale);
      const calls: Array<[Locale, { language_code?: string }]> = [
        [opts.defaultLocale, {}],
        ['ru', { language_code: 'ru' }],
        ['en', { language_code: 'en' }],
      ];
      for (const [locale, extra] of calls) {
        try {
          await bot.telegram.setMyCommands(menu(locale), extra);
        } catch (err) {
          logger.warn('setMyCommands failed; the / menu may be outdated', {
            language: extra.language_code ?? 'default',
            ...describeError(err),
          });
        }
      }
    },
  };
}

/**
 * What handled the update, for the error log: the command name, the callback's kind (its
 * data's short prefix, never a user's text), or the update type's handler.
 */
export function handlerOf(ctx: Context): string {
  if (ctx.message && 'text' in ctx.message) {
    const command = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s|$)/.exec(ctx.message.text)?.[1];
    return command ? `/${command.toLowerCase()}` : 'text';
  }
  if (ctx.callbackQuery) {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    return `callback:${/^[a-z]{1,4}(?=:|$)/i.exec(data)?.[0] ?? '?'}`;
  }
  return ctx.updateType;
}
