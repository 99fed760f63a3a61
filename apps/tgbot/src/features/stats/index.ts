// /stats and /export: the bot's track record, as text, a chart and a CSV.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerExport } from './export';
import { registerStats } from './stats';
import { STATS_TEXTS } from './texts';

export const stats = defineFeature({
  name: 'stats',
  texts: STATS_TEXTS,
  composer(s) {
    const composer = new Composer<Context>();
    registerStats(composer, s);
    registerExport(composer, s);
    return composer;
  },
});
