// /season: the rest of a league's season by simulation, as text and a chart.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerSeason } from './season';
import { SEASON_TEXTS } from './texts';

export const season = defineFeature({
  name: 'season',
  texts: SEASON_TEXTS,
  listing: [
    {
      command: 'season',
      menu: { ru: 'Шансы сезона', en: 'Season odds' },
      help: {
        ru: tgHtml`/season <i>лига</i> — шансы на чемпионство, топ-4, вылет и ожидаемые очки (симуляция)`,
        en: tgHtml`/season <i>league</i> — chances of the title, top 4, relegation and expected points (simulation)`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerSeason(composer, s);
    return composer;
  },
});
