// The one mapping from a failure to what the user reads, in the chat's language. Logs get
// describeError (from @scoreline/ops); the chat gets one of these plain sentences, never the
// error's own message (which may name internals). Plain text: it is also what bot.catch sends
// without a parse mode when a handler failed half-way.
import { DependencyUnavailableError, NotFoundError, ValidationError } from '@scoreline/ops';
import { QueueUnavailableError, RequestTimeoutError } from '@scoreline/queue';
import { MESSAGES, type Locale } from '../i18n/messages';
import { defineTexts } from '../i18n/texts';
import { ChatBlockedError } from '../telegram/errors';

export const ERROR_TEXTS = defineTexts(
  {
    sorry: MESSAGES.ru.sorry,
    unavailable: 'Сервис сейчас недоступен. Попробуйте через минуту.',
    invalid: 'Не удалось разобрать запрос. /help — как пользоваться командами.',
    notFound: 'Ничего не нашлось. Проверьте запрос.',
  },
  {
    sorry: MESSAGES.en.sorry,
    unavailable: 'The service is unavailable right now. Please try again in a minute.',
    invalid: 'The request could not be read. /help shows how the commands work.',
    notFound: 'Nothing was found. Please check the request.',
  },
);

/**
 * What to tell the chat about `err`; null when there is no one to tell (the chat blocked the
 * bot). Anything unexpected is the apology.
 */
export function errorReply(err: unknown, locale: Locale): string | null {
  if (err instanceof ChatBlockedError) return null;
  const texts = ERROR_TEXTS[locale];
  if (
    err instanceof DependencyUnavailableError ||
    err instanceof QueueUnavailableError ||
    err instanceof RequestTimeoutError
  ) {
    return texts.unavailable;
  }
  if (err instanceof ValidationError) return texts.invalid;
  if (err instanceof NotFoundError) return texts.notFound;
  // Another AppError (a code added later) or a programming error: the user can only retry.
  return texts.sorry;
}
