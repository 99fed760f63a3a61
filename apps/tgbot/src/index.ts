export { createBot } from './bot';
export { startTgbot, type TgbotDeps, type TgbotHandle } from './role';
