import type { Knex } from 'knex';
import type { Db } from '../create-db';
import { toBool, toDate, toDbTimestamp, toNumber } from '../values';

/** Interface language of a chat. */
export type ChatLanguage = 'ru' | 'en';

/** Per-chat settings. */
export interface Chat {
  chatId: number;
  language: ChatLanguage;
  /** IANA zone, e.g. `Europe/Moscow`. */
  timezone: string;
  /** The user blocked the bot (Telegram answered 403): stop sending. */
  blocked: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Settings to change; omitted fields keep their value (or the default for a new chat). */
export interface ChatPatch {
  language?: ChatLanguage;
  timezone?: string;
  blocked?: boolean;
}

/** The chat's settings, or null for a chat never seen. */
export async function getChat(db: Db, chatId: number): Promise<Chat | null> {
  const row = (await db.writer('chats').where({ chat_id: chatId }).first()) as
    Record<string, unknown> | undefined;
  return row ? toChat(row) : null;
}

/** Creates the chat with defaults (ru, Europe/Moscow) if new, applies `patch`, returns it. */
export async function upsertChat(
  db: Db,
  chatId: number,
  patch: ChatPatch = {},
  at: Date = new Date(),
): Promise<Chat> {
  const changes = Object.fromEntries(
    Object.entries({
      language: patch.language,
      timezone: patch.timezone,
      blocked: patch.blocked,
    }).filter(([, v]) => v !== undefined),
  );
  const now = toDbTimestamp(at);
  const insert = db
    .writer('chats')
    .insert({ chat_id: chatId, ...changes, created_at: now, updated_at: now });
  await (Object.keys(changes).length > 0
    ? insert.onConflict('chat_id').merge({ ...changes, updated_at: now })
    : insert.onConflict('chat_id').ignore());
  const chat = await getChat(db, chatId);
  if (!chat) throw new Error(`chat ${chatId} vanished after upsert`);
  return chat;
}

/** Records that the user blocked (or unblocked) the bot. */
export async function markChatBlocked(
  db: Db,
  chatId: number,
  blocked = true,
  at: Date = new Date(),
): Promise<void> {
  await upsertChat(db, chatId, { blocked }, at);
}

/** Inserts a default chat row when missing (subscriptions reference chats). */
export async function ensureChat(k: Knex, chatId: number, at: Date = new Date()): Promise<void> {
  const now = toDbTimestamp(at);
  await k('chats')
    .insert({ chat_id: chatId, created_at: now, updated_at: now })
    .onConflict('chat_id')
    .ignore();
}

function toChat(r: Record<string, unknown>): Chat {
  return {
    chatId: toNumber(r.chat_id),
    language: r.language as ChatLanguage,
    timezone: String(r.timezone),
    blocked: toBool(r.blocked),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  };
}
