// A "⏳ Calculating…" message shown by a detached task until its answer replaces it; the task
// tracker remembers it so a shutdown can tell the user to try again (services/placeholders.ts).
import type { Context } from 'telegraf';
import { markShowing } from '../services/tasks';
import { chatState } from './bot-context';

/** Answers that arrive within this time skip the "calculating…" message. */
export const QUICK_ANSWER_MS = 700;

/** Records that the running task shows `messageId` in this chat until it answers. */
export function showingPlaceholder(ctx: Context, messageId: number | undefined): void {
  const chatId = ctx.chat?.id;
  if (chatId === undefined || messageId === undefined) return;
  markShowing({ chatId, messageId, locale: chatState(ctx).locale });
}
