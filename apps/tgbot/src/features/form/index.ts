// /form: a team's recent results and its model ratings.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { defineFeature } from '../../context/feature';
import { registerForm } from './form';
import { FORM_TEXTS } from './texts';

export const form = defineFeature({
  name: 'form',
  texts: FORM_TEXTS,
  listing: [
    {
      command: 'form',
      menu: { ru: 'Форма команды', en: 'A team’s form' },
      help: {
        ru: tgHtml`/form <i>команда</i> — последние 6 матчей, мячи и рейтинги модели`,
        en: tgHtml`/form <i>team</i> — last 6 results, goals and the model’s ratings`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerForm(composer, s);
    return composer;
  },
});
