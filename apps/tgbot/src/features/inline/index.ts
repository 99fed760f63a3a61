// Inline mode: "@bot Arsenal Chelsea" in any chat offers the prediction card.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerInline } from './inline';

export const inline = defineFeature({
  name: 'inline',
  composer(s) {
    const composer = new Composer<Context>();
    registerInline(composer, s);
    return composer;
  },
});
