// sendPhoto / sendDocument (which telegram-test-api lacks), answered as Telegram does: a message
// carrying the file. Files are kept apart from text messages (chat.files()), so a test reading
// replies sees the same messages as before; their ids come from the same counter.
import type http from 'node:http';
import { readBody } from './read-body';
import { parseRequestBody } from './request-body';
import { record, type EmulatorState } from './state';
import { EMULATED_BOT, type BotFile } from './types';
import { badRequest, MAX_BODY_BYTES, sendJson } from './wire';

export type FileMethod = 'sendPhoto' | 'sendDocument';

export async function handleSendFile(
  state: EmulatorState,
  token: string,
  method: FileMethod,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const { body, files: uploads } = parseRequestBody(req, await readBody(req, MAX_BODY_BYTES));
  const kind = method === 'sendPhoto' ? 'photo' : 'document';
  const answer = (status: number, payload: object): void => {
    sendJson(res, status, payload);
    record(state, token, method, body);
  };
  const upload = uploads.find((u) => u.field === kind);
  const field = body[kind];
  const reference = typeof field === 'string' ? field : undefined;
  const rawChatId = body.chat_id;
  if (typeof rawChatId !== 'string' && typeof rawChatId !== 'number') {
    answer(400, badRequest('Bad Request: chat_id is empty'));
    return;
  }
  if (!upload && !reference) {
    answer(400, badRequest(`Bad Request: there is no ${kind} in the request`));
    return;
  }
  const file: BotFile = {
    message_id: state.server.messageId++,
    kind,
    filename: upload?.filename ?? reference!,
    data: upload?.data ?? Buffer.alloc(0),
    ...(typeof body.caption === 'string' ? { caption: body.caption } : {}),
    ...(typeof body.parse_mode === 'string' ? { parse_mode: body.parse_mode } : {}),
  };
  const chatId = String(rawChatId);
  state.files.push({ token, chatId, ...file });
  answer(200, { ok: true, result: fileMessage(file, chatId, upload !== undefined) });
}

/** The Message Telegram answers a sent file with. */
function fileMessage(file: BotFile, chatId: string, uploaded: boolean): Record<string, unknown> {
  const fileId = `emulator-${file.kind}-${file.message_id}`;
  const ref = { file_id: fileId, file_unique_id: fileId, file_size: file.data.length };
  return {
    message_id: file.message_id,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(chatId), type: 'private' },
    from: EMULATED_BOT,
    ...(file.caption !== undefined ? { caption: file.caption } : {}),
    ...(file.kind === 'photo'
      ? { photo: [{ ...ref, width: 1, height: 1 }] }
      : { document: { ...ref, file_name: uploaded ? file.filename : 'document' } }),
  };
}
