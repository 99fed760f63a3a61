// What every feature's handlers use: the services, and per-update helpers for the chat's locale
// and for replying in HTML within Telegram's limits.
import type { Chat } from '@scoreline/db';
import { TELEGRAM_TEXT_LIMIT, type Html } from '@scoreline/queue';
import type { Context } from 'telegraf';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { splitMessage } from '../format/split-message';
import { MESSAGES, type Locale, type Messages } from '../i18n/messages';
import { telegramFailure } from '../telegram/errors';
import { NOTICE_ROOM } from '../telegram/simulation-label';

export type { BotServices, PendingChoice } from '../services/bot-services';

/** Parts are cut short of Telegram's limit so a simulation notice still fits. */
const MESSAGE_BUDGET = TELEGRAM_TEXT_LIMIT - NOTICE_ROOM;

/** What the chat middleware leaves on `ctx.state`. */
export interface ChatState {
  chat: Chat | null;
  locale: Locale;
}

export function chatState(ctx: Context): ChatState {
  const state = ctx.state as Partial<ChatState>;
  return { chat: state.chat ?? null, locale: state.locale ?? 'ru' };
}

export function t(ctx: Context): Messages {
  return MESSAGES[chatState(ctx).locale];
}

/** A feature's own texts in the chat's language (features keep their texts next to them). */
export function textsFor<T>(ctx: Context, texts: Record<Locale, T>): T {
  return texts[chatState(ctx).locale];
}

export function timeZoneOf(ctx: Context): string {
  return chatState(ctx).chat?.timezone ?? 'Europe/Moscow';
}

export type Keyboard = InlineKeyboardButton[][];

function markup(keyboard?: Keyboard): { reply_markup?: InlineKeyboardMarkup } {
  return keyboard && keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {};
}

/** Sends HTML, split to Telegram's limit; the keyboard goes with the last part. */
export async function replyHtml(
  ctx: Context,
  text: Html,
  keyboard?: Keyboard,
): Promise<number | undefined> {
  return sendParts(ctx, splitMessage(text.toString(), MESSAGE_BUDGET), keyboard);
}

async function sendParts(
  ctx: Context,
  parts: string[],
  keyboard?: Keyboard,
): Promise<number | undefined> {
  let last: number | undefined;
  for (const [i, part] of parts.entries()) {
    const sent = await ctx.reply(part, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === parts.length - 1 ? markup(keyboard) : {}),
    });
    last = sent.message_id;
  }
  return last;
}

/** Replaces message `messageId` with `text` (its first part; the rest follow as new messages). */
export async function editHtml(
  ctx: Context,
  messageId: number,
  text: Html,
  keyboard?: Keyboard,
): Promise<void> {
  const parts = splitMessage(text.toString(), MESSAGE_BUDGET);
  const [first, ...rest] = parts;
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  try {
    await ctx.telegram.editMessageText(chatId, messageId, undefined, first ?? '', {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(rest.length === 0 ? markup(keyboard) : {}),
    });
  } catch (err) {
    const description = telegramFailure(err)?.description ?? '';
    // A press on the same page again: what the user sees is already the answer.
    if (/message is not modified/i.test(description)) return;
    // The message is gone or too old to edit (or the press was forged): answer anew instead.
    if (/message to edit not found|message can't be edited/i.test(description)) {
      await sendParts(ctx, parts, keyboard);
      return;
    }
    throw err;
  }
  if (rest.length > 0) await sendParts(ctx, rest, keyboard);
}
