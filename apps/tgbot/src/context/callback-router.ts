// Inline-button presses. Every press is answered (the client shows a spinner until then), and a
// payload that does not decode, a choice that has expired, or a press with no chat to answer in
// gets a polite notice instead of an exception. Which feature acts is read off the payload's
// prefix; the router knows nothing of what the features do.
import type { Context, MiddlewareFn } from 'telegraf';
import { splitCallback } from '../callbacks/codec';
import { t, type BotServices } from './bot-context';
import type { CallbackRoute } from './feature';

export function callbackRouter(
  routes: readonly CallbackRoute[],
  s: BotServices,
): MiddlewareFn<Context> {
  const byPrefix = new Map<string, CallbackRoute>();
  for (const route of routes) {
    if (byPrefix.has(route.codec.prefix)) {
      throw new Error(`callback prefix ${route.codec.prefix} is registered twice`);
    }
    byPrefix.set(route.codec.prefix, route);
  }
  return async (ctx) => {
    const query = ctx.callbackQuery;
    const split = splitCallback(query && 'data' in query ? query.data : undefined);
    const route = split ? byPrefix.get(split.prefix) : undefined;
    const action = split && route ? route.codec.decode(split.fields) : null;
    // A press under a message sent through inline mode carries no chat (only inline_message_id):
    // our inline results have no buttons, so such a press is forged or stale, and every route
    // answers in a chat.
    if (!route || !action || ctx.chat === undefined) {
      await ctx.answerCbQuery(t(ctx).staleButton);
      return;
    }
    await route.handle(ctx, s, action, query?.message?.message_id);
  };
}
