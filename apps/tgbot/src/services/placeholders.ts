// "⏳ Calculating…" messages that a detached task shows until its answer replaces them. The
// task tracker remembers which ones are still showing; when the bot stops before a task could
// answer, the role edits each of them to a clear "try again" rather than leave the user
// looking at an hourglass for ever.
import { describeError, type Logger } from '@scoreline/ops';
import type { Telegram } from 'telegraf';
import type { Locale } from '../i18n/messages';
import type { Placeholder } from './tasks';

export const STOPPED_TEXTS: Record<Locale, string> = {
  ru: '⚠️ Бот перезапускается и не успел ответить. Повторите запрос через минуту.',
  en: '⚠️ The bot is restarting and could not finish this answer. Please try again in a minute.',
};

/**
 * Edits every placeholder to the "try again" text, all at once, giving up after `timeoutMs`;
 * resolves with how many were edited.
 */
export async function replaceStrandedPlaceholders(
  telegram: Telegram,
  placeholders: readonly Placeholder[],
  timeoutMs: number,
  logger: Logger,
): Promise<number> {
  if (placeholders.length === 0) return 0;
  let edited = 0;
  const edits = Promise.allSettled(
    placeholders.map(async (p) => {
      await telegram.editMessageText(p.chatId, p.messageId, undefined, STOPPED_TEXTS[p.locale]);
      edited += 1;
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  const results = await Promise.race([edits, late]);
  clearTimeout(timer);
  const failed = results?.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    logger.warn('tgbot: a pending placeholder could not be replaced', describeError(failed.reason));
  }
  logger.warn('tgbot: answers still pending at shutdown; their users were told to try again', {
    pending: placeholders.length,
    edited,
  });
  return edited;
}
