// /terms: 18+, not advice, responsible-gambling help, how forecasts are made and scored; and the
// "I accept" button of the gate (gate.ts) before /value, /alerts and /portfolio.
import { joinHtml, tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { replyHtml, textsFor } from '../../context/bot-context';
import { callbackRoute, defineFeature } from '../../context/feature';
import { acceptButton } from './buttons';
import { TERMS_TEXTS } from './texts';

export const terms = defineFeature({
  name: 'terms',
  texts: TERMS_TEXTS,
  listing: [
    {
      command: 'terms',
      menu: { ru: 'Условия, 18+ и помощь', en: 'Terms, 18+ and help' },
      help: {
        ru: tgHtml`/terms — условия: 18+, не совет делать ставки, где получить помощь`,
        en: tgHtml`/terms — terms: 18+, not betting advice, where to get help`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    composer.command('terms', async (ctx) => {
      const x = textsFor(ctx, TERMS_TEXTS);
      const at = ctx.from ? await s.terms.acceptedAt(ctx.from.id) : null;
      if (at) {
        const when = at.toISOString().slice(0, 16).replace('T', ' ');
        await replyHtml(ctx, joinHtml([x.terms, x.acceptedAt(when)], '\n\n'));
        return;
      }
      await replyHtml(ctx, x.terms, [
        [
          {
            text: x.acceptButton,
            callback_data: acceptButton.encode({ kind: 'acceptTerms', command: 'terms' }),
          },
        ],
      ]);
    });
    return composer;
  },
  callbacks: [
    callbackRoute(acceptButton, async (ctx, s, action) => {
      const x = textsFor(ctx, TERMS_TEXTS);
      if (ctx.from) await s.terms.accept(ctx.from.id, s.now());
      await ctx.answerCbQuery(x.acceptedToast);
      await replyHtml(ctx, x.accepted(action.command === 'terms' ? null : `/${action.command}`));
    }),
  ],
});
