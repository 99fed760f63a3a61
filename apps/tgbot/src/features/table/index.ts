// /table: a league's standings from the stored results.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerTable } from './table';
import { TABLE_TEXTS } from './texts';

export const table = defineFeature({
  name: 'table',
  texts: TABLE_TEXTS,
  composer(s) {
    const composer = new Composer<Context>();
    registerTable(composer, s);
    return composer;
  },
});
