// Inline-button presses. Every press is answered (the client shows a spinner until then), and a
// payload that does not decode, a choice that has expired, or a press with no chat to answer in
// gets a polite notice instead of an exception.
import type { Context } from 'telegraf';
import { t, type BotServices } from '../bot-context';
import { serveExplanation } from '../commands/explain';
import { editFixturePage, replyMatchCard } from '../commands/fixtures';
import { servePrediction } from '../commands/predict';
import { applyLanguageButton, applyTimeZoneButton } from '../commands/settings';
import { decodeCallback } from './codec';

export async function handleCallback(ctx: Context, s: BotServices): Promise<void> {
  const query = ctx.callbackQuery;
  const data = query && 'data' in query ? query.data : undefined;
  const action = decodeCallback(data);
  const messageId = query?.message?.message_id;
  // A press under a message sent through inline mode carries no chat (only inline_message_id):
  // our inline results have no buttons, so such a press is forged or stale, and every action
  // below answers in a chat.
  if (!action || ctx.chat === undefined) {
    await ctx.answerCbQuery(t(ctx).staleButton);
    return;
  }
  switch (action.kind) {
    case 'match':
      await ctx.answerCbQuery();
      replyMatchCard(ctx, s, action.fixtureId);
      return;
    case 'explain':
      await ctx.answerCbQuery();
      serveExplanation(ctx, s, action.fixtureId);
      return;
    case 'fixtures':
      await ctx.answerCbQuery();
      if (messageId !== undefined) {
        await editFixturePage(ctx, s, action.league, action.date, action.page, messageId);
      }
      return;
    case 'choice': {
      const choice = s.choices.get(action.stashId, action.index);
      if (!choice) {
        await ctx.answerCbQuery(t(ctx).staleButton);
        return;
      }
      await ctx.answerCbQuery();
      servePrediction(ctx, s, { ...choice.query, [choice.which]: choice.name }, messageId);
      return;
    }
    case 'setLanguage':
      await applyLanguageButton(ctx, s, action.locale, messageId);
      return;
    case 'setTimeZone':
      await applyTimeZoneButton(ctx, s, action.zone, messageId);
      return;
  }
}
