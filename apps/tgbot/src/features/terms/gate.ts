// The terms gate, the one place /value, /alerts and /portfolio check that the user accepted the
// terms: if not, the terms come with an "I accept" button that remembers the command, and the
// command stops there.
import { joinHtml } from '@scoreline/queue';
import type { Context } from 'telegraf';
import { replyHtml, textsFor, type BotServices } from '../../context/bot-context';
import { acceptButton, type GatedCommand } from './buttons';
import { TERMS_TEXTS } from './texts';

/** True when the user may go on; else the terms and the button are sent. */
export async function termsAccepted(
  ctx: Context,
  s: BotServices,
  command: GatedCommand,
): Promise<boolean> {
  const userId = ctx.from?.id;
  if (userId === undefined) return false;
  if (await s.terms.accepted(userId)) return true;
  const x = textsFor(ctx, TERMS_TEXTS);
  await replyHtml(ctx, joinHtml([x.gate(`/${command}`), x.terms], '\n\n'), [
    [
      {
        text: x.acceptButton,
        callback_data: acceptButton.encode({ kind: 'acceptTerms', command }),
      },
    ],
  ]);
  return false;
}
