// A Bot API emulator for bot tests: telegram-test-api's handlers behind our own node:http server.
//
// Why not the package's own start(): it cannot listen on a free port (port 0 becomes 9000), its
// getUpdates ignores `offset` and `timeout` (updates count as read once sent, and an empty answer
// comes back at once, so telegraf's polling loop spins), and it keeps no record of calls. So this
// module listens on 127.0.0.1:0, answers getUpdates itself with Telegram's semantics (long poll,
// an update is redelivered until a later offset confirms it), and hands every other request to the
// emulator's express app, noting each call after the answer went out. Edits and files
// (sendPhoto, sendDocument, which the package lacks) are answered here too (see edit() and
// sendFile() below).
//
//   const emulator = await startEmulator();
//   const bot = new Telegraf(TOKEN, { telegram: { apiRoot: emulator.apiRoot } });
//   const polling = bot.launch();                 // settles when polling stops
//   const chat = emulator.chat(TOKEN, { languageCode: 'en' });
//   await chat.send('/start');
//   const [reply] = await chat.nextReplies();
//   await (await chat.press('Yes')).answer();     // waits for answerCallbackQuery
//   const [edited] = await chat.nextEdits();
//   bot.stop(); await polling; await emulator.stop();
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import TelegramServer from 'telegram-test-api';
import { readBody } from './read-body';
import { parseRequestBody } from './request-body';

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
interface StoredBotMessage {
  botToken: string;
  messageId: number;
  message: {
    chat_id: number | string;
    text?: string;
    parse_mode?: string;
    reply_markup?: ReplyMarkup;
  };
}
interface StoredUserUpdate {
  botToken: string;
  updateId: number;
  messageId: number;
  isRead: boolean;
  message?: Record<string, unknown>;
  callbackQuery?: CallbackQueryRequest;
  callbackId?: number;
}
interface CallbackQueryRequest {
  botToken: string;
  date: number;
  from: TelegramUser;
  message: Record<string, unknown>;
  data: string;
}
interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}
interface EmulatorServer {
  /** The package's message id counter, shared by every bot message. */
  messageId: number;
  storage: { userMessages: StoredUserUpdate[]; botMessages: StoredBotMessage[] };
  addUserMessage(message: Record<string, unknown>): Promise<void>;
  addUserCommand(message: Record<string, unknown>): Promise<void>;
  addUserCallback(query: CallbackQueryRequest): Promise<void>;
  on(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

const USER_UPDATE_EVENTS = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];
// The emulator's getMe answers with this bot.
const EMULATED_BOT: TelegramUser = {
  id: 666,
  is_bot: true,
  first_name: 'Test First name',
  username: 'TestNameBot',
};
const BOT_PATH = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

let nextUserId = 100_001;

export async function startEmulator(): Promise<Emulator> {
  // storeTimeout only matters to the package's clean-up daemon, which start() would run; we never
  // call start(), so stored messages live as long as the emulator.
  const telegram = new TelegramServer({ host: '127.0.0.1' });
  const server = telegram as unknown as EmulatorServer;
  const app = (telegram as unknown as { webServer: http.RequestListener }).webServer;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const recorded: (EmulatorCall & { token: string })[] = [];
  const editCounts = new Map<string, number>();
  const editLog: { token: string; chatId: string; messageId: number }[] = [];
  const pendingPolls = new Set<() => void>();
  const files: (BotFile & { token: string; chatId: string })[] = [];

  const record = (token: string, method: string, body: Record<string, unknown>): void => {
    recorded.push({ token, method, body, at: Date.now() });
    events.emit('call');
  };

  // Edits are answered here rather than by the package, which answers every edit with
  // `result: null` (even for unknown messages), never says "message is not modified", and keeps
  // the inline keyboard an edit without reply_markup removes on Telegram.
  const edit = async (
    token: string,
    method: 'editMessageText' | 'editMessageReplyMarkup',
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> => {
    const body = await readParams(req);
    const answer = (status: number, payload: object): void => {
      sendJson(res, status, payload);
      record(token, method, body);
    };
    if (body.inline_message_id !== undefined) {
      answer(200, { ok: true, result: true }); // messages sent via inline mode are not stored
      return;
    }
    const chatId = String(body.chat_id);
    const messageId = Number(body.message_id);
    const stored = findBotMessage(server, token, chatId, messageId);
    if (!stored) {
      answer(400, badRequest('Bad Request: message to edit not found'));
      return;
    }
    const markup = inlineKeyboard(body.reply_markup);
    const next = { ...stored.message };
    if (markup) next.reply_markup = markup;
    else delete next.reply_markup;
    if (method === 'editMessageText') {
      next.text = typeof body.text === 'string' ? body.text : '';
      if (typeof body.parse_mode === 'string') next.parse_mode = body.parse_mode;
      else delete next.parse_mode;
    }
    if (
      next.text === stored.message.text &&
      JSON.stringify(next.reply_markup) === JSON.stringify(stored.message.reply_markup)
    ) {
      answer(
        400,
        badRequest(
          'Bad Request: message is not modified: specified new message content and reply markup' +
            ' are exactly the same as a current content and reply markup of the message',
        ),
      );
      return;
    }
    stored.message = next;
    const key = editKey(token, chatId, messageId);
    editCounts.set(key, (editCounts.get(key) ?? 0) + 1);
    editLog.push({ token, chatId, messageId });
    const chat = { id: Number(chatId), type: 'private' };
    answer(200, {
      ok: true,
      result: {
        ...telegramMessage(view(token, chatId, stored), chat),
        edit_date: Math.floor(Date.now() / 1000),
      },
    });
  };

  // Photos and documents, answered as Telegram does: a message carrying the file. They are kept
  // apart from text messages (chat.files()), so a test reading replies sees the same messages as
  // before; their ids come from the same counter.
  const sendFile = async (
    token: string,
    method: 'sendPhoto' | 'sendDocument',
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> => {
    const { body, files: uploads } = parseRequestBody(req, await readBody(req, MAX_BODY_BYTES));
    const kind = method === 'sendPhoto' ? 'photo' : 'document';
    const answer = (status: number, payload: object): void => {
      sendJson(res, status, payload);
      record(token, method, body);
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
    const messageId = server.messageId++;
    const chatId = String(rawChatId);
    const caption = typeof body.caption === 'string' ? body.caption : undefined;
    const parseMode = typeof body.parse_mode === 'string' ? body.parse_mode : undefined;
    files.push({
      token,
      chatId,
      message_id: messageId,
      kind,
      filename: upload?.filename ?? reference!,
      data: upload?.data ?? Buffer.alloc(0),
      ...(caption !== undefined ? { caption } : {}),
      ...(parseMode !== undefined ? { parse_mode: parseMode } : {}),
    });
    const fileId = `emulator-${kind}-${messageId}`;
    const file = { file_id: fileId, file_unique_id: fileId, file_size: upload?.data.length ?? 0 };
    answer(200, {
      ok: true,
      result: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(chatId), type: 'private' },
        from: EMULATED_BOT,
        ...(caption !== undefined ? { caption } : {}),
        ...(kind === 'photo'
          ? { photo: [{ ...file, width: 1, height: 1 }] }
          : { document: { ...file, file_name: upload?.filename ?? 'document' } }),
      },
    });
  };

  const view = (token: string, chatId: string, m: StoredBotMessage): BotMessage => ({
    message_id: m.messageId,
    text: m.message.text ?? '',
    ...(m.message.parse_mode !== undefined ? { parse_mode: m.message.parse_mode } : {}),
    ...(m.message.reply_markup !== undefined ? { reply_markup: m.message.reply_markup } : {}),
    edits: editCounts.get(editKey(token, chatId, m.messageId)) ?? 0,
  });

  const confirmed = new Map<string, number>();
  const pendingUpdates = (token: string): StoredUserUpdate[] =>
    server.storage.userMessages.filter(
      (u) => u.botToken === token && !u.isRead && u.updateId >= (confirmed.get(token) ?? 0),
    );

  const getUpdates = async (
    token: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> => {
    const params = await readParams(req);
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 100);
    const timeoutSec = Number(params.timeout ?? 0) || 0;
    if (offset > 0) {
      // An offset confirms every update below it, as on Telegram.
      for (const u of server.storage.userMessages) {
        if (u.botToken === token && u.updateId < offset) u.isRead = true;
      }
      confirmed.set(token, Math.max(confirmed.get(token) ?? 0, offset));
    }
    if (pendingUpdates(token).length === 0 && timeoutSec > 0) {
      await waitForUserUpdate(token, timeoutSec * 1000, res);
    }
    if (res.destroyed || res.writableEnded) return;
    const updates = pendingUpdates(token).slice(0, limit).map(formatUpdate);
    sendJson(res, 200, { ok: true, result: updates });
    record(token, 'getUpdates', params);
  };

  // Resolves when an update for this bot arrives, the wait times out, the client goes away
  // (telegraf's bot.stop() aborts the request) or the emulator stops.
  const waitForUserUpdate = (token: string, ms: number, res: http.ServerResponse) =>
    new Promise<void>((resolve) => {
      const onUpdate = (): void => {
        if (pendingUpdates(token).length > 0) done();
      };
      const timer = setTimeout(() => done(), ms);
      const done = (): void => {
        clearTimeout(timer);
        for (const e of USER_UPDATE_EVENTS) server.off(e, onUpdate);
        res.off('close', done);
        pendingPolls.delete(done);
        resolve();
      };
      for (const e of USER_UPDATE_EVENTS) server.on(e, onUpdate);
      res.on('close', done);
      pendingPolls.add(done);
    });

  const httpServer = http.createServer((req, res) => {
    const match = BOT_PATH.exec(new URL(req.url ?? '/', 'http://emulator').pathname);
    if (!match) {
      app(req, res);
      return;
    }
    const [, token = '', method = ''] = match;
    const own =
      method === 'getUpdates'
        ? getUpdates(token, req, res)
        : method === 'editMessageText' || method === 'editMessageReplyMarkup'
          ? edit(token, method, req, res)
          : method === 'sendPhoto' || method === 'sendDocument'
            ? sendFile(token, method, req, res)
            : undefined;
    if (own) {
      own.catch((err: unknown) => {
        if (res.headersSent) res.destroy();
        else sendJson(res, 400, badRequest(`Bad Request: ${String(err)}`));
      });
      return;
    }
    // express's body parsers leave the parsed body on this same request object.
    res.on('finish', () =>
      record(token, method, (req as { body?: Record<string, unknown> }).body ?? {}),
    );
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const apiRoot = `http://127.0.0.1:${port}`;

  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: () => string) =>
    new Promise<T>((resolve, reject) => {
      const first = check();
      if (first !== undefined) {
        resolve(first);
        return;
      }
      const onCall = (): void => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: timed out after ${timeoutMs} ms waiting for ${what()}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        events.off('call', onCall);
      };
      events.on('call', onCall);
    });

  const chat = (token: string, opts: ChatOptions = {}): TestChat => {
    const userId = opts.userId ?? nextUserId++;
    const chatId = opts.chatId ?? userId;
    const chatKey = String(chatId);
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
    let lastReadId = 0;
    let editsRead = 0;

    const stored = (): StoredBotMessage[] =>
      server.storage.botMessages.filter(
        (m) => m.botToken === token && String(m.message.chat_id) === chatKey,
      );
    const viewOf = (m: StoredBotMessage): BotMessage => view(token, chatKey, m);
    const chatEdits = () => editLog.filter((e) => e.token === token && e.chatId === chatKey);

    const send = async (text: string): Promise<void> => {
      const message: Record<string, unknown> = {
        botToken: token,
        date: Math.floor(Date.now() / 1000),
        from: user,
        chat: chatObject,
        text,
      };
      if (text.startsWith('/')) {
        const end = text.search(/\s/);
        message.entities = [
          { offset: 0, length: end === -1 ? text.length : end, type: 'bot_command' },
        ];
        await server.addUserCommand(message);
      } else {
        await server.addUserMessage(message);
      }
    };

    const pressRaw = async (callbackData: string, messageId?: number): Promise<PressedButton> => {
      const messages = stored();
      const target =
        messageId === undefined
          ? messages[messages.length - 1]
          : messages.find((m) => m.messageId === messageId);
      // A forged press may point at a message the bot never sent; Telegram would still send the
      // message the button sat on, so give it one with that id.
      const message = target
        ? telegramMessage(viewOf(target), chatObject)
        : { message_id: messageId ?? 0, date: Math.floor(Date.now() / 1000), chat: chatObject };
      const query: CallbackQueryRequest = {
        botToken: token,
        date: Math.floor(Date.now() / 1000),
        from: user,
        message,
        data: callbackData,
      };
      await server.addUserCallback(query);
      const update = server.storage.userMessages.find((u) => u.callbackQuery === query);
      if (update?.callbackId === undefined) {
        throw new Error(
          'emulator: the callback was not stored (is a webhook set on the emulator?)',
        );
      }
      const callbackQueryId = String(update.callbackId);
      return {
        callbackQueryId,
        answer: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
          waitFor(
            () => {
              const call = recorded.find(
                (c) =>
                  c.method === 'answerCallbackQuery' &&
                  String(c.body.callback_query_id) === callbackQueryId,
              );
              return call ? callbackAnswer(call.body) : undefined;
            },
            timeoutMs,
            () => `answerCallbackQuery for callback ${callbackQueryId}`,
          ),
      };
    };

    const press = async (button: string): Promise<PressedButton> => {
      const messages = stored().map(viewOf).reverse();
      for (const m of messages) {
        const found = m.reply_markup?.inline_keyboard
          ?.flat()
          .find((b) => b.text === button || b.callback_data === button);
        if (!found) continue;
        if (found.callback_data === undefined) {
          throw new Error(`emulator: button "${button}" has no callback_data`);
        }
        return pressRaw(found.callback_data, m.message_id);
      }
      const available = messages
        .flatMap((m) => m.reply_markup?.inline_keyboard?.flat() ?? [])
        .map((b) => b.text);
      throw new Error(
        `emulator: no inline button "${button}" in chat ${chatKey}; buttons: ${JSON.stringify(available)}`,
      );
    };

    const nextReplies = (n = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<BotMessage[]> =>
      waitFor(
        () => {
          const unread = stored().filter((m) => m.messageId > lastReadId);
          if (unread.length < n) return undefined;
          const replies = unread.slice(0, n);
          lastReadId = replies[replies.length - 1]?.messageId ?? lastReadId;
          return replies.map(viewOf);
        },
        timeoutMs,
        () => `${n} bot message(s) in chat ${chatKey}`,
      );

    const nextEdits = (n = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<BotMessage[]> =>
      waitFor(
        () => {
          const edits = chatEdits().slice(editsRead);
          if (edits.length < n) return undefined;
          editsRead += n;
          return edits.slice(0, n).flatMap((e) => {
            const m = stored().find((s) => s.messageId === e.messageId);
            return m ? [viewOf(m)] : [];
          });
        },
        timeoutMs,
        () => `${n} edit(s) in chat ${chatKey}`,
      );

    return {
      userId,
      chatId,
      send,
      press,
      pressRaw,
      nextReplies,
      nextEdits,
      allMessages: () => stored().map(viewOf),
      message: (messageId) => {
        const m = stored().find((s) => s.messageId === messageId);
        return m ? viewOf(m) : undefined;
      },
      files: () =>
        files
          .filter((f) => f.token === token && f.chatId === chatKey)
          .map(({ token: _token, chatId: _chatId, ...file }) => file),
    };
  };

  return {
    apiRoot,
    chat,
    calls: (method) =>
      recorded
        .filter((c) => method === undefined || c.method === method)
        .map(({ method: m, body, at }) => ({ method: m, body, at })),
    stop: async () => {
      for (const done of [...pendingPolls]) done();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        // telegraf keeps its connections alive; close() alone would wait for them.
        httpServer.closeAllConnections();
      });
    },
  };
}

function editKey(token: string, chatId: string, messageId: number): string {
  return `${token}\n${chatId}\n${messageId}`;
}

function findBotMessage(
  server: EmulatorServer,
  token: string,
  chatId: string,
  messageId: number,
): StoredBotMessage | undefined {
  return server.storage.botMessages.find(
    (m) =>
      m.botToken === token && String(m.message.chat_id) === chatId && m.messageId === messageId,
  );
}

function inlineKeyboard(markup: unknown): ReplyMarkup | undefined {
  const parsed: unknown = typeof markup === 'string' ? JSON.parse(markup) : markup;
  return typeof parsed === 'object' && parsed !== null && 'inline_keyboard' in parsed
    ? (parsed as ReplyMarkup)
    : undefined;
}

function badRequest(description: string): object {
  return { ok: false, error_code: 400, description };
}

function sendJson(res: http.ServerResponse, status: number, payload: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function callbackAnswer(body: Record<string, unknown>): CallbackAnswer {
  return {
    ...(typeof body.text === 'string' ? { text: body.text } : {}),
    ...(body.show_alert !== undefined
      ? { show_alert: body.show_alert === true || body.show_alert === 'true' }
      : {}),
    ...(typeof body.url === 'string' ? { url: body.url } : {}),
  };
}

// The message a callback query carries, shaped like Telegram's.
function telegramMessage(m: BotMessage, chat: object): Record<string, unknown> {
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
function formatUpdate(u: StoredUserUpdate): Record<string, unknown> {
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

// getUpdates parameters from the query string and a JSON or urlencoded body.
async function readParams(req: http.IncomingMessage): Promise<Record<string, unknown>> {
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
