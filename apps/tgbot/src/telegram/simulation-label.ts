// The sandbox's simulated league must never pass for real football: when the bot runs on
// simulated data, every text it sends (messages, edits, captions, inline results) starts with
// the notice. Doing it on the Bot API client, not in each command, means no answer can forget.
import type { Telegram } from 'telegraf';
import { TELEGRAM_CAPTION_LIMIT } from '../format/split-message';

type CallApi = Telegram['callApi'];
type Payload = Record<string, unknown>;

/** Room a caller should leave in a 4,096-character message for the notice. */
export const NOTICE_ROOM = 200;
const LABELLED = Symbol('scoreline.simulationLabel');

export function labelSimulated(telegram: Telegram, notice: () => string): void {
  const marked = telegram as Telegram & { [LABELLED]?: true };
  if (marked[LABELLED]) return;
  marked[LABELLED] = true;
  const original: CallApi = telegram.callApi.bind(telegram);
  const label = (text: string) => (text.startsWith(notice()) ? text : `${notice()}\n\n${text}`);

  telegram.callApi = ((method: string, payload: Payload, options?: unknown) => {
    let labelled = payload;
    if (
      (method === 'sendMessage' || method === 'editMessageText') &&
      typeof payload.text === 'string'
    ) {
      labelled = { ...payload, text: label(payload.text) };
    } else if (method === 'sendPhoto' || method === 'sendDocument') {
      const caption = typeof payload.caption === 'string' ? label(payload.caption) : notice();
      labelled = { ...payload, caption: caption.slice(0, TELEGRAM_CAPTION_LIMIT) };
    } else if (method === 'answerInlineQuery' && Array.isArray(payload.results)) {
      labelled = {
        ...payload,
        results: (payload.results as Payload[]).map((r) => {
          const content = r.input_message_content as Payload | undefined;
          return content && typeof content.message_text === 'string'
            ? {
                ...r,
                input_message_content: { ...content, message_text: label(content.message_text) },
              }
            : r;
        }),
      };
    }
    return (original as (m: string, p: Payload, o?: unknown) => Promise<unknown>)(
      method,
      labelled,
      options,
    );
  }) as CallApi;
}
