// One user's chat with a bot: sends messages and button presses as that user, and reads what
// the bot sent (replies, edits, files) in the order it sent them.
import { view, waitFor, type EmulatorState } from './state';
import {
  DEFAULT_TIMEOUT_MS,
  type BotMessage,
  type CallbackQueryRequest,
  type ChatOptions,
  type PressedButton,
  type StoredBotMessage,
  type TelegramUser,
  type TestChat,
} from './types';
import { callbackAnswer, telegramMessage } from './wire';

let nextUserId = 100_001;

/** The chat's identity and read positions, shared by its operations. */
interface ChatCtx {
  state: EmulatorState;
  token: string;
  chatKey: string;
  user: TelegramUser;
  chatObject: Record<string, unknown>;
  read: { lastReadId: number; editsRead: number };
}

export function createTestChat(
  state: EmulatorState,
  token: string,
  opts: ChatOptions = {},
): TestChat {
  const userId = opts.userId ?? nextUserId++;
  const chatId = opts.chatId ?? userId;
  const c = chatContext(state, token, userId, chatId, opts);
  const viewOf = (m: StoredBotMessage) => view(state, token, c.chatKey, m);
  return {
    userId,
    chatId,
    send: (text) => send(c, text),
    press: (button) => press(c, button),
    pressRaw: (data, messageId) => pressRaw(c, data, messageId),
    nextReplies: (n, timeoutMs) => nextReplies(c, n, timeoutMs),
    nextEdits: (n, timeoutMs) => nextEdits(c, n, timeoutMs),
    allMessages: () => stored(c).map(viewOf),
    message: (messageId) => {
      const m = stored(c).find((s) => s.messageId === messageId);
      return m ? viewOf(m) : undefined;
    },
    files: () =>
      state.files
        .filter((f) => f.token === token && f.chatId === c.chatKey)
        .map(({ token: _token, chatId: _chatId, ...file }) => file),
  };
}

function chatContext(
  state: EmulatorState,
  token: string,
  userId: number,
  chatId: number,
  opts: ChatOptions,
): ChatCtx {
  const type = opts.type ?? 'private';
  const user: TelegramUser = {
    id: userId,
    is_bot: false,
    first_name: opts.firstName ?? 'Test',
    ...(opts.username !== undefined ? { username: opts.username } : {}),
    ...(opts.languageCode !== undefined ? { language_code: opts.languageCode } : {}),
  };
  const chatObject =
    type === 'private'
      ? { id: chatId, type, first_name: user.first_name }
      : { id: chatId, type, title: 'Test group' };
  const read = { lastReadId: 0, editsRead: 0 };
  return { state, token, chatKey: String(chatId), user, chatObject, read };
}

function stored(c: ChatCtx): StoredBotMessage[] {
  return c.state.server.storage.botMessages.filter(
    (m) => m.botToken === c.token && String(m.message.chat_id) === c.chatKey,
  );
}

const viewIn = (c: ChatCtx, m: StoredBotMessage): BotMessage =>
  view(c.state, c.token, c.chatKey, m);

async function send(c: ChatCtx, text: string): Promise<void> {
  const message: Record<string, unknown> = {
    botToken: c.token,
    date: Math.floor(Date.now() / 1000),
    from: c.user,
    chat: c.chatObject,
    text,
  };
  if (text.startsWith('/')) {
    const end = text.search(/\s/);
    message.entities = [{ offset: 0, length: end === -1 ? text.length : end, type: 'bot_command' }];
    await c.state.server.addUserCommand(message);
  } else {
    await c.state.server.addUserMessage(message);
  }
}

async function pressRaw(
  c: ChatCtx,
  callbackData: string,
  messageId?: number,
): Promise<PressedButton> {
  const messages = stored(c);
  const target =
    messageId === undefined
      ? messages[messages.length - 1]
      : messages.find((m) => m.messageId === messageId);
  // A forged press may point at a message the bot never sent; Telegram would still send the
  // message the button sat on, so give it one with that id.
  const message = target
    ? telegramMessage(viewIn(c, target), c.chatObject)
    : { message_id: messageId ?? 0, date: Math.floor(Date.now() / 1000), chat: c.chatObject };
  const query: CallbackQueryRequest = {
    botToken: c.token,
    date: Math.floor(Date.now() / 1000),
    from: c.user,
    message,
    data: callbackData,
  };
  await c.state.server.addUserCallback(query);
  const update = c.state.server.storage.userMessages.find((u) => u.callbackQuery === query);
  if (update?.callbackId === undefined) {
    throw new Error('emulator: the callback was not stored (is a webhook set on the emulator?)');
  }
  const callbackQueryId = String(update.callbackId);
  return { callbackQueryId, answer: (timeoutMs) => answerOf(c, callbackQueryId, timeoutMs) };
}

/** The bot's answerCallbackQuery for one press. */
function answerOf(c: ChatCtx, callbackQueryId: string, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return waitFor(
    c.state,
    () => {
      const call = c.state.recorded.find(
        (r) =>
          r.method === 'answerCallbackQuery' &&
          String(r.body.callback_query_id) === callbackQueryId,
      );
      return call ? callbackAnswer(call.body) : undefined;
    },
    timeoutMs,
    () => `answerCallbackQuery for callback ${callbackQueryId}`,
  );
}

async function press(c: ChatCtx, button: string): Promise<PressedButton> {
  const messages = stored(c)
    .map((m) => viewIn(c, m))
    .reverse();
  for (const m of messages) {
    const found = m.reply_markup?.inline_keyboard
      ?.flat()
      .find((b) => b.text === button || b.callback_data === button);
    if (!found) continue;
    if (found.callback_data === undefined) {
      throw new Error(`emulator: button "${button}" has no callback_data`);
    }
    return pressRaw(c, found.callback_data, m.message_id);
  }
  const available = messages
    .flatMap((m) => m.reply_markup?.inline_keyboard?.flat() ?? [])
    .map((b) => b.text);
  throw new Error(
    `emulator: no inline button "${button}" in chat ${c.chatKey}; buttons: ${JSON.stringify(available)}`,
  );
}

function nextReplies(c: ChatCtx, n = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<BotMessage[]> {
  return waitFor(
    c.state,
    () => {
      const unread = stored(c).filter((m) => m.messageId > c.read.lastReadId);
      if (unread.length < n) return undefined;
      const replies = unread.slice(0, n);
      c.read.lastReadId = replies[replies.length - 1]?.messageId ?? c.read.lastReadId;
      return replies.map((m) => viewIn(c, m));
    },
    timeoutMs,
    () => `${n} bot message(s) in chat ${c.chatKey}`,
  );
}

function nextEdits(c: ChatCtx, n = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<BotMessage[]> {
  return waitFor(
    c.state,
    () => {
      const edits = c.state.editLog
        .filter((e) => e.token === c.token && e.chatId === c.chatKey)
        .slice(c.read.editsRead);
      if (edits.length < n) return undefined;
      c.read.editsRead += n;
      return edits.slice(0, n).flatMap((e) => {
        const m = stored(c).find((s) => s.messageId === e.messageId);
        return m ? [viewIn(c, m)] : [];
      });
    },
    timeoutMs,
    () => `${n} edit(s) in chat ${c.chatKey}`,
  );
}
