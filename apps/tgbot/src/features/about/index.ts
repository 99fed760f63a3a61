// /about: the build, where the data comes from and how fresh it is, the serving models.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerAbout } from './about';
import { ABOUT_TEXTS } from './texts';

export const about = defineFeature({
  name: 'about',
  texts: ABOUT_TEXTS,
  composer(s) {
    const composer = new Composer<Context>();
    registerAbout(composer, s);
    return composer;
  },
});
