// Inline mode: "@bot Arsenal Chelsea" in any chat offers the prediction card.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerInline } from './inline';

export const inline = defineFeature({
  name: 'inline',
  listing: [
    {
      command: 'inline',
      help: {
        ru: tgHtml`<code>@бот Арсенал Челси</code> — прогноз в любом чате`,
        en: tgHtml`<code>@bot Arsenal Chelsea</code> — a prediction in any chat`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerInline(composer, s);
    return composer;
  },
});
