// /table: a league's standings from the stored results, as text or a picture.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { callbackRoute, defineFeature } from '../../context/feature';
import { tablePictureButton } from './buttons';
import { registerTable, sendTablePicture, standingsOrReply } from './table';
import { TABLE_TEXTS } from './texts';

export const table = defineFeature({
  name: 'table',
  texts: TABLE_TEXTS,
  listing: [
    {
      command: 'table',
      menu: { ru: 'Турнирная таблица', en: 'League table' },
      help: {
        ru: tgHtml`/table <i>лига</i> [год] [png] — турнирная таблица (png — картинкой)`,
        en: tgHtml`/table <i>league</i> [year] [png] — league table (png: as a picture)`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerTable(composer, s);
    return composer;
  },
  callbacks: [
    callbackRoute(tablePictureButton, async (ctx, s, action) => {
      await ctx.answerCbQuery();
      const league = await s.fixtures.findLeague(action.league);
      const standings = league && (await standingsOrReply(ctx, s, league, action.year));
      if (standings) await sendTablePicture(ctx, standings);
    }),
  ],
});
