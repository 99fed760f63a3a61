// Admin commands for ADMIN_IDS in a private chat: /status, /retrain, /sync, /backup.
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerAdmin } from './admin';
import { ADMIN_TEXTS } from './texts';

export const admin = defineFeature({
  name: 'admin',
  texts: ADMIN_TEXTS,
  composer(s) {
    const composer = new Composer<Context>();
    registerAdmin(composer, s);
    return composer;
  },
});
