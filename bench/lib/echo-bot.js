// The bare counterpart of the bot in bench/bot-latency.js --split: a telegraf bot in its own
// process that answers every text with the same text.
// Usage: node bench/lib/echo-bot.js <token> <api root>
const { Telegraf } = require('telegraf');

const [token, apiRoot] = process.argv.slice(2);
const bot = new Telegraf(token, { telegram: { apiRoot } });
bot.on('text', (ctx) => ctx.reply(ctx.message.text));
bot.catch((err) => console.error(`echo error: ${err instanceof Error ? err.name : err}`));
bot.launch().catch((err) => {
  console.error(`echo launch: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
});
process.once('SIGTERM', () => bot.stop('SIGTERM'));
