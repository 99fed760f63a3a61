import { describe, expect, it } from '@jest/globals';
import {
  AppError,
  DependencyUnavailableError,
  NotFoundError,
  ValidationError,
} from '@scoreline/ops';
import { QueueUnavailableError, RequestTimeoutError } from '@scoreline/queue';
import { MESSAGES } from '../i18n/messages';
import { ChatBlockedError } from '../telegram/errors';
import { ERROR_TEXTS, errorReply } from './error-text';

describe('errors as chat text', () => {
  it('When a handler fails for no known reason, then the user gets the apology in their language', () => {
    expect(errorReply(new Error('boom'), 'ru')).toBe(MESSAGES.ru.sorry);
    expect(errorReply(new TypeError('x is undefined'), 'en')).toBe(MESSAGES.en.sorry);
    expect(errorReply('a thrown string', 'en')).toBe(MESSAGES.en.sorry);
    expect(errorReply(new AppError('SOME_NEW_CODE', 'internal detail'), 'en')).toBe(
      MESSAGES.en.sorry,
    );
  });

  it('When a dependency is down or the worker does not answer, then the user is told to try again in a minute', () => {
    for (const err of [
      new DependencyUnavailableError('redis down'),
      new QueueUnavailableError('redis unreachable'),
      new RequestTimeoutError('predict', 'j1', 15_000),
    ]) {
      expect(errorReply(err, 'en')).toBe(ERROR_TEXTS.en.unavailable);
      expect(errorReply(err, 'ru')).toBe(ERROR_TEXTS.ru.unavailable);
    }
  });

  it('When the input was invalid or names nothing, then the user reads that, never the error message', () => {
    const invalid = errorReply(new ValidationError('league must match /^[A-Z]+$/'), 'en');
    const missing = errorReply(new NotFoundError('fixture 42 not in table fixtures'), 'ru');

    expect(invalid).toBe(ERROR_TEXTS.en.invalid);
    expect(missing).toBe(ERROR_TEXTS.ru.notFound);
    expect(invalid).not.toContain('league must');
    expect(missing).not.toContain('fixtures');
  });

  it('When the chat blocked the bot, then there is nobody to tell', () => {
    expect(
      errorReply(new ChatBlockedError('7', 'Forbidden: bot was blocked by the user'), 'ru'),
    ).toBeNull();
  });
});
