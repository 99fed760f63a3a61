// /value and /compare: the model against the bookmakers' margin-free prices.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerCompare } from './compare';
import { VALUE_TEXTS } from './texts';
import { registerValue } from './value';

export const value = defineFeature({
  name: 'value',
  texts: VALUE_TEXTS,
  composer(s) {
    const composer = new Composer<Context>();
    registerValue(composer, s);
    registerCompare(composer, s);
    return composer;
  },
});
