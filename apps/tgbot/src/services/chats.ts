// The chat's row (language, time zone, blocked): read for every update, written by /settings and
// by Telegram's membership changes and 403s.
//
// Every update reads it, and only the bot writes it, so this process keeps the rows it read or
// wrote for a while: an update then costs no query. Writes go through here (or tell forget()), so
// a change made in this process is seen at once; one made by another process (a second tgbot's
// delivery marking a chat blocked) is seen within CHAT_TTL_MS. The outbox reads the row itself,
// fresh, before every send.
import {
  getChat,
  markChatBlocked,
  upsertChat,
  type Chat,
  type ChatPatch,
  type Db,
} from '@scoreline/db';

/** How long a row read here is trusted. */
export const CHAT_TTL_MS = 60_000;
/** Rows kept at most; past this the oldest go first. */
export const MAX_CACHED_CHATS = 10_000;

export interface ChatService {
  get(chatId: number): Promise<Chat | null>;
  /** Creates the chat with defaults if new, applies `patch`, returns it. */
  upsert(chatId: number, patch?: ChatPatch, at?: Date): Promise<Chat>;
  /** Records that the user blocked the bot (Telegram answered 403). */
  markBlocked(chatId: number): Promise<void>;
  /** Drops this process's copy of the row (it was written elsewhere). */
  forget(chatId: number): void;
}

export function createChatService(
  db: Db,
  opts: { ttlMs?: number; max?: number; now?: () => number } = {},
): ChatService {
  const ttlMs = opts.ttlMs ?? CHAT_TTL_MS;
  const max = opts.max ?? MAX_CACHED_CHATS;
  const now = opts.now ?? Date.now;
  const rows = new Map<number, { at: number; chat: Chat }>();
  const keep = (chat: Chat): Chat => {
    rows.delete(chat.chatId);
    if (rows.size >= max) rows.delete(rows.keys().next().value!);
    rows.set(chat.chatId, { at: now(), chat });
    return chat;
  };
  return {
    async get(chatId) {
      const kept = rows.get(chatId);
      if (kept && now() - kept.at < ttlMs) return kept.chat;
      const chat = await getChat(db, chatId);
      // A chat never seen is not kept: its first message creates it through upsert().
      if (chat) return keep(chat);
      rows.delete(chatId);
      return null;
    },
    async upsert(chatId, patch, at) {
      rows.delete(chatId);
      return keep(await upsertChat(db, chatId, patch, at));
    },
    async markBlocked(chatId) {
      rows.delete(chatId);
      await markChatBlocked(db, chatId);
      rows.delete(chatId);
    },
    forget(chatId) {
      rows.delete(chatId);
    },
  };
}
