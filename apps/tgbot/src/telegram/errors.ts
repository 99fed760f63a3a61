// What the bot needs to know about a failed Bot API call, without the call's payload (which
// carries message text) or the request URL (which carries the token).

/** The user blocked the bot, deactivated, or removed it from the group (HTTP 403). */
export class ChatBlockedError extends Error {
  override readonly name = 'ChatBlockedError';
  /**
   * @param description Telegram's reason ("Forbidden: bot was blocked by the user", "…user is
   *   deactivated", "…bot was kicked from the group chat"); it never holds message text.
   */
  constructor(
    readonly chatId: string,
    readonly description?: string,
  ) {
    super(`chat ${chatId} blocked the bot`);
  }
}

/** Fields of a telegraf `TelegramError` that are safe to read. */
export interface TelegramFailure {
  code: number;
  description: string;
  retryAfterSec?: number;
  method?: string;
}

/** The error code, description and retry_after of a Bot API error; null for anything else. */
export function telegramFailure(err: unknown): TelegramFailure | null {
  if (typeof err !== 'object' || err === null) return null;
  const response = (err as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null) return null;
  const r = response as {
    error_code?: unknown;
    description?: unknown;
    parameters?: { retry_after?: unknown };
  };
  if (typeof r.error_code !== 'number') return null;
  const on = (err as { on?: { method?: unknown } }).on;
  const retryAfter = r.parameters?.retry_after;
  return {
    code: r.error_code,
    description: typeof r.description === 'string' ? r.description : '',
    ...(typeof retryAfter === 'number' ? { retryAfterSec: retryAfter } : {}),
    ...(typeof on?.method === 'string' ? { method: on.method } : {}),
  };
}
