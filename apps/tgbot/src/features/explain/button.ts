// The "Why?" button under a match card (the fixtures feature shows it, this feature answers it).
import type { Context } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { boundedInt, defineCallback, MAX_ID } from '../../callbacks/codec';
import { textsFor } from '../../context/bot-context';
import { EXPLAIN_TEXTS } from './texts';

/** /explain: the factors behind fixture `id`'s forecast. */
export const explainCallback = defineCallback<{ kind: 'explain'; fixtureId: number }>({
  prefix: 'xp',
  kind: 'explain',
  fields: (a) => [a.fixtureId],
  parse(fields) {
    const fixtureId = fields.length === 1 ? boundedInt(fields[0], 1, MAX_ID) : null;
    return fixtureId === null ? null : { kind: 'explain', fixtureId };
  },
});

export function explainButton(ctx: Context, fixtureId: number): InlineKeyboardButton {
  return {
    text: textsFor(ctx, EXPLAIN_TEXTS).button,
    callback_data: explainCallback.encode({ kind: 'explain', fixtureId }),
  };
}
