// Public API of @scoreline/tgbot: the bot and the role that runs it.
export { createBot, type CreateBotOptions, type ScorelineBot } from './bot';
export { startTgbot, type TgbotDeps, type TgbotHandle } from './role';
export { localDate } from './services/fixtures';
export { FLOOD_LIMITS } from './middleware/flood-guard';
export type { WebhookHandler } from './run/webhook';
