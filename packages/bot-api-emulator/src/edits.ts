// editMessageText / editMessageReplyMarkup, answered here rather than by telegram-test-api, which
// answers every edit with `result: null` (even for unknown messages), never says "message is not
// modified", and keeps the inline keyboard an edit without reply_markup removes on Telegram.
import type http from 'node:http';
import { editKey, findBotMessage, record, view, type EmulatorState } from './state';
import type { StoredBotMessage } from './types';
import { badRequest, inlineKeyboard, readParams, sendJson, telegramMessage } from './wire';

export type EditMethod = 'editMessageText' | 'editMessageReplyMarkup';

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup' +
  ' are exactly the same as a current content and reply markup of the message';

export async function handleEdit(
  state: EmulatorState,
  token: string,
  method: EditMethod,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const body = await readParams(req);
  const answer = (status: number, payload: object): void => {
    sendJson(res, status, payload);
    record(state, token, method, body);
  };
  if (body.inline_message_id !== undefined) {
    answer(200, { ok: true, result: true }); // messages sent via inline mode are not stored
    return;
  }
  const chatId = String(body.chat_id);
  const messageId = Number(body.message_id);
  const stored = findBotMessage(state, token, chatId, messageId);
  if (!stored) {
    answer(400, badRequest('Bad Request: message to edit not found'));
    return;
  }
  const next = editedMessage(stored, method, body);
  if (
    next.text === stored.message.text &&
    JSON.stringify(next.reply_markup) === JSON.stringify(stored.message.reply_markup)
  ) {
    answer(400, badRequest(NOT_MODIFIED));
    return;
  }
  stored.message = next;
  const key = editKey(token, chatId, messageId);
  state.editCounts.set(key, (state.editCounts.get(key) ?? 0) + 1);
  state.editLog.push({ token, chatId, messageId });
  const chat = { id: Number(chatId), type: 'private' };
  answer(200, {
    ok: true,
    result: {
      ...telegramMessage(view(state, token, chatId, stored), chat),
      edit_date: Math.floor(Date.now() / 1000),
    },
  });
}

/** The stored message as the edit leaves it: no reply_markup in the call removes the keyboard. */
function editedMessage(
  stored: StoredBotMessage,
  method: EditMethod,
  body: Record<string, unknown>,
): StoredBotMessage['message'] {
  const markup = inlineKeyboard(body.reply_markup);
  const next = { ...stored.message };
  if (markup) next.reply_markup = markup;
  else delete next.reply_markup;
  if (method === 'editMessageText') {
    next.text = typeof body.text === 'string' ? body.text : '';
    if (typeof body.parse_mode === 'string') next.parse_mode = body.parse_mode;
    else delete next.parse_mode;
  }
  return next;
}
