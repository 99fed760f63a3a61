// /model: each league's champion and how it did in its backtest.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerModel } from './model';

export const model = defineFeature({
  name: 'model',
  composer(s) {
    const composer = new Composer<Context>();
    registerModel(composer, s);
    return composer;
  },
});
