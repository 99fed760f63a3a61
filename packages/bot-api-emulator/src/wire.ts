// Bot API wire formats: reading a call's parameters, writing an answer, and the Telegram shapes
// of messages, updates and callback answers.
import type http from 'node:http';
import { readBody } from './read-body';
import {
  EMULATED_BOT,
  type BotMessage,
  type CallbackAnswer,
  type ReplyMarkup,
  type StoredUserUpdate,
} from './types';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Telegram's answer to a call it refuses. */
export function badRequest(description: string): object {
  return { ok: false, error_code: 400, description };
}

export function sendJson(res: http.ServerResponse, status: number, payload: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

export function inlineKeyboard(markup: unknown): ReplyMarkup | undefined {
  const parsed: unknown = typeof markup === 'string' ? JSON.parse(markup) : markup;
  return typeof parsed === 'object' && parsed !== null && 'inline_keyboard' in parsed
    ? (parsed as ReplyMarkup)
    : undefined;
}

export function callbackAnswer(body: Record<string, unknown>): CallbackAnswer {
  return {
    ...(typeof body.text === 'string' ? { text: body.text } : {}),
    ...(body.show_alert !== undefined
      ? { show_alert: body.show_alert === true || body.show_alert === 'true' }
      : {}),
    ...(typeof body.url === 'string' ? { url: body.url } : {}),
  };
}

// The message a callback query carries, shaped like Telegram's.
export function telegramMessage(m: BotMessage, chat: object): Record<string, unknown> {
  const inline = m.reply_markup?.inline_keyboard;
  return {
    message_id: m.message_id,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: EMULATED_BOT,
    text: m.text,
    ...(inline ? { reply_markup: { inline_keyboard: inline } } : {}),
  };
}

// The Update telegraf receives; the package's own formatter leaves out chat_instance and keeps
// its internal botToken field in messages.
export function formatUpdate(u: StoredUserUpdate): Record<string, unknown> {
  if (u.callbackQuery) {
    const { from, message, data } = u.callbackQuery;
    const chat = message.chat as { id?: number } | undefined;
    return {
      update_id: u.updateId,
      callback_query: {
        id: String(u.callbackId),
        from,
        message,
        chat_instance: String(chat?.id ?? 0),
        data,
      },
    };
  }
  const { botToken: _token, ...message } = u.message ?? {};
  return { update_id: u.updateId, message: { ...message, message_id: u.messageId } };
}

// A call's parameters from the query string and a JSON or urlencoded body.
export async function readParams(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(
    new URL(req.url ?? '/', 'http://emulator').searchParams,
  );
  const raw = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
  if (raw.trim() === '') return params;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return { ...params, ...Object.fromEntries(new URLSearchParams(raw)) };
  }
  return { ...params, ...(JSON.parse(raw) as Record<string, unknown>) };
}
