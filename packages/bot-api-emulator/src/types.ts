// The emulator's public shapes (what a test sees) and the parts of telegram-test-api's server
// the emulator uses.

export interface ChatOptions {
  /** Defaults to a fresh id per chat, so two chats of one test never share a user. */
  userId?: number;
  /** Defaults to userId (a private chat). */
  chatId?: number;
  languageCode?: string;
  firstName?: string;
  username?: string;
  /** Defaults to 'private'. */
  type?: 'private' | 'group' | 'supergroup';
}

/** What a bot message in a chat looks like now, edits included. */
export interface BotMessage {
  message_id: number;
  text: string;
  parse_mode?: string;
  reply_markup?: ReplyMarkup;
  /** Successful editMessageText / editMessageReplyMarkup calls on this message. */
  edits: number;
}

/** A photo or document the bot sent to a chat (sendPhoto, sendDocument). */
export interface BotFile {
  message_id: number;
  kind: 'photo' | 'document';
  /** The uploaded file's name; for a file sent by file_id or URL, that string. */
  filename: string;
  /** The uploaded bytes; empty when the bot sent a file_id or URL instead of a file. */
  data: Buffer;
  caption?: string;
  parse_mode?: string;
}

/** An inline keyboard button as the bot sent it. */
export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [key: string]: unknown;
}

export interface ReplyMarkup {
  inline_keyboard?: InlineKeyboardButton[][];
  keyboard?: unknown[][];
  remove_keyboard?: boolean;
  force_reply?: boolean;
  [key: string]: unknown;
}

/** A Bot API call the emulator answered (getUpdates included). */
export interface EmulatorCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
}

export interface PressedButton {
  callbackQueryId: string;
  /** The bot's answerCallbackQuery for this press; rejects after timeoutMs without one. */
  answer(timeoutMs?: number): Promise<CallbackAnswer>;
}

export interface TestChat {
  readonly userId: number;
  readonly chatId: number;
  /** A user message; text starting with '/' is sent as a command (with a bot_command entity). */
  send(text: string): Promise<void>;
  /** Presses the inline button with this text or callback_data on the latest bot message that has it. */
  press(button: string): Promise<PressedButton>;
  /** A callback query with any data, on message messageId (default: the latest bot message). */
  pressRaw(callbackData: string, messageId?: number): Promise<PressedButton>;
  /**
   * The next n bot messages this chat got since the last call (in their current state), oldest
   * first. Messages beyond n stay unread for the next call. Rejects after timeoutMs.
   */
  nextReplies(n?: number, timeoutMs?: number): Promise<BotMessage[]>;
  /** The messages behind the next n edits in this chat since the last call, as they are now. */
  nextEdits(n?: number, timeoutMs?: number): Promise<BotMessage[]>;
  /** Every bot message in this chat that was not deleted, as it is now. */
  allMessages(): BotMessage[];
  /** One bot message as it is now; undefined when it never existed or was deleted. */
  message(messageId: number): BotMessage | undefined;
  /** Every photo and document the bot sent to this chat, oldest first. */
  files(): BotFile[];
}

export interface Emulator {
  /** Set telegraf's `telegram.apiRoot` (or the fault front's target) to this. */
  readonly apiRoot: string;
  chat(token: string, opts?: ChatOptions): TestChat;
  /** Every call answered so far, optionally of one method, oldest first. */
  calls(method?: string): EmulatorCall[];
  stop(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 3000;

// The parts of telegram-test-api's server this module uses (its typings need `typegram`, which is
// not installed, so they resolve to `any`).
export interface StoredBotMessage {
  botToken: string;
  messageId: number;
  message: {
    chat_id: number | string;
    text?: string;
    parse_mode?: string;
    reply_markup?: ReplyMarkup;
  };
}
export interface StoredUserUpdate {
  botToken: string;
  updateId: number;
  messageId: number;
  isRead: boolean;
  message?: Record<string, unknown>;
  callbackQuery?: CallbackQueryRequest;
  callbackId?: number;
}
export interface CallbackQueryRequest {
  botToken: string;
  date: number;
  from: TelegramUser;
  message: Record<string, unknown>;
  data: string;
}
export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}
export interface EmulatorServer {
  /** The package's message id counter, shared by every bot message. */
  messageId: number;
  storage: { userMessages: StoredUserUpdate[]; botMessages: StoredBotMessage[] };
  addUserMessage(message: Record<string, unknown>): Promise<void>;
  addUserCommand(message: Record<string, unknown>): Promise<void>;
  addUserCallback(query: CallbackQueryRequest): Promise<void>;
  on(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

// The emulator's getMe answers with this bot.
export const EMULATED_BOT: TelegramUser = {
  id: 666,
  is_bot: true,
  first_name: 'Test First name',
  username: 'TestNameBot',
};
