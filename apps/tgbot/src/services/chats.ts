// The chat's row (language, time zone, blocked): read for every update, written by /settings and
// by Telegram's membership changes.
import { getChat, upsertChat, type Chat, type ChatPatch, type Db } from '@scoreline/db';

export interface ChatService {
  get(chatId: number): Promise<Chat | null>;
  /** Creates the chat with defaults if new, applies `patch`, returns it. */
  upsert(chatId: number, patch?: ChatPatch, at?: Date): Promise<Chat>;
}

export function createChatService(db: Db): ChatService {
  return {
    get: (chatId) => getChat(db, chatId),
    upsert: (chatId, patch, at) => upsertChat(db, chatId, patch, at),
  };
}
