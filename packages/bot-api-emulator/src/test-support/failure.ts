// What a test reads from a failed Bot API call made with telegraf: code, description and
// retry_after (the fields telegraf's TelegramError keeps from the answer).
export interface CallFailure {
  code: number;
  description: string;
  retryAfterSec?: number;
  method?: string;
}

export function callFailure(err: unknown): CallFailure | null {
  const response = (err as { response?: Record<string, unknown> } | null)?.response;
  if (!response || typeof response.error_code !== 'number') return null;
  const retryAfter = (response.parameters as { retry_after?: unknown } | undefined)?.retry_after;
  const method = (err as { on?: { method?: unknown } }).on?.method;
  return {
    code: response.error_code,
    description: typeof response.description === 'string' ? response.description : '',
    ...(typeof retryAfter === 'number' ? { retryAfterSec: retryAfter } : {}),
    ...(typeof method === 'string' ? { method } : {}),
  };
}
