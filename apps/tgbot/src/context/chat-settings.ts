// The chat's settings on ctx.state for every handler (context/bot-context.ts reads them).
import type { Chat } from '@scoreline/db';
import type { Context } from 'telegraf';
import type { ChatState } from './bot-context';
import type { Locale } from '../i18n/messages';
import type { ChatService } from '../services/chats';

/** Loads the chat's settings into ctx.state; a new chat gets the user's language if we have it. */
export async function loadChat(ctx: Context, chats: ChatService, fallback: Locale): Promise<void> {
  const chatId = ctx.chat?.id;
  let chat: Chat | null = null;
  if (chatId !== undefined) {
    chat = await chats.get(chatId);
    if (!chat) chat = await chats.upsert(chatId, { language: localeOf(ctx, fallback) });
    // A message from a chat marked blocked means the user is back: deliveries may resume.
    else if (chat.blocked && ctx.message) chat = await chats.upsert(chatId, { blocked: false });
  }
  const state: ChatState = { chat, locale: chat?.language ?? localeOf(ctx, fallback) };
  Object.assign(ctx.state, state);
}

/** The chat's language when loaded, else the user's client language, else `fallback`. */
export function localeOf(ctx: Context, fallback: Locale): Locale {
  const state = ctx.state as Partial<ChatState>;
  if (state.locale) return state.locale;
  const code = ctx.from?.language_code ?? '';
  if (code.startsWith('en')) return 'en';
  if (code.startsWith('ru')) return 'ru';
  return fallback;
}
