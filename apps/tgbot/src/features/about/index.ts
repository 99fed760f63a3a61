// /about: the build, where the data comes from and how fresh it is, the serving models.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerAbout } from './about';
import { ABOUT_TEXTS } from './texts';

export const about = defineFeature({
  name: 'about',
  texts: ABOUT_TEXTS,
  listing: [
    {
      command: 'about',
      menu: { ru: 'Версия и источники данных', en: 'Version and data sources' },
      help: {
        ru: tgHtml`/about — версия, источники данных, модели`,
        en: tgHtml`/about — version, data sources, models`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerAbout(composer, s);
    return composer;
  },
});
