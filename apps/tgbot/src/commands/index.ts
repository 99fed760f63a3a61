// Every feature of the bot registers its commands here, in one place, so the list of what the
// bot can do reads top to bottom. Order matters only for the text fallback, which comes last
// (registered by bot.ts after these).
import type { Telegraf } from 'telegraf';
import type { BotServices } from '../bot-context';
import { registerAbout } from './about';
import { registerAdmin } from './admin';
import { registerCompare } from './compare';
import { registerExplain } from './explain';
import { registerExport } from './export';
import { registerFixtures } from './fixtures';
import { registerInline } from './inline';
import { registerModel } from './model';
import { registerPredict } from './predict';
import { registerSettings } from './settings';
import { registerStartHelp } from './start-help';
import { registerStats } from './stats';
import { registerSubscribe } from './subscribe';
import { registerValue } from './value';

export function registerCommands(bot: Telegraf, s: BotServices): void {
  registerStartHelp(bot, s);
  registerPredict(bot, s);
  registerFixtures(bot, s);
  registerModel(bot, s);
  registerExplain(bot, s);
  registerStats(bot, s);
  registerExport(bot, s);
  registerAbout(bot, s);
  registerSubscribe(bot, s);
  registerSettings(bot, s);
  registerAdmin(bot, s);
  registerValue(bot, s);
  registerCompare(bot, s);
  registerInline(bot, s);
}
