// /subscribe and /unsubscribe: the daily digest.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerSubscribe } from './subscribe';
import { SUBSCRIBE_TEXTS } from './texts';

export const subscribe = defineFeature({
  name: 'subscribe',
  texts: SUBSCRIBE_TEXTS,
  composer(s) {
    const composer = new Composer<Context>();
    registerSubscribe(composer, s);
    return composer;
  },
});
