// What the emulator remembers beyond telegram-test-api's storage: every answered call, edits,
// files, confirmed getUpdates offsets and the long polls still waiting; and the waits on them.
import { EventEmitter } from 'node:events';
import type {
  BotFile,
  BotMessage,
  EmulatorCall,
  EmulatorServer,
  StoredBotMessage,
  StoredUserUpdate,
} from './types';

export interface EmulatorState {
  server: EmulatorServer;
  /** Emits 'call' after each answered call. */
  events: EventEmitter;
  recorded: (EmulatorCall & { token: string })[];
  editCounts: Map<string, number>;
  editLog: { token: string; chatId: string; messageId: number }[];
  /** Ends each pending long poll (on stop). */
  pendingPolls: Set<() => void>;
  files: (BotFile & { token: string; chatId: string })[];
  /** Per bot token, the getUpdates offset confirmed so far. */
  confirmed: Map<string, number>;
}

export function createState(server: EmulatorServer): EmulatorState {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    server,
    events,
    recorded: [],
    editCounts: new Map(),
    editLog: [],
    pendingPolls: new Set(),
    files: [],
    confirmed: new Map(),
  };
}

export function record(
  state: EmulatorState,
  token: string,
  method: string,
  body: Record<string, unknown>,
): void {
  state.recorded.push({ token, method, body, at: Date.now() });
  state.events.emit('call');
}

export function editKey(token: string, chatId: string, messageId: number): string {
  return `${token}\n${chatId}\n${messageId}`;
}

/** A stored bot message as a test sees it, with its edit count. */
export function view(
  state: EmulatorState,
  token: string,
  chatId: string,
  m: StoredBotMessage,
): BotMessage {
  return {
    message_id: m.messageId,
    text: m.message.text ?? '',
    ...(m.message.parse_mode !== undefined ? { parse_mode: m.message.parse_mode } : {}),
    ...(m.message.reply_markup !== undefined ? { reply_markup: m.message.reply_markup } : {}),
    edits: state.editCounts.get(editKey(token, chatId, m.messageId)) ?? 0,
  };
}

export function findBotMessage(
  state: EmulatorState,
  token: string,
  chatId: string,
  messageId: number,
): StoredBotMessage | undefined {
  return state.server.storage.botMessages.find(
    (m) =>
      m.botToken === token && String(m.message.chat_id) === chatId && m.messageId === messageId,
  );
}

/** User updates of this bot not yet confirmed by a getUpdates offset. */
export function pendingUpdates(state: EmulatorState, token: string): StoredUserUpdate[] {
  return state.server.storage.userMessages.filter(
    (u) => u.botToken === token && !u.isRead && u.updateId >= (state.confirmed.get(token) ?? 0),
  );
}

/** Resolves with `check()`'s first defined value, re-checked after each call; rejects on time. */
export function waitFor<T>(
  state: EmulatorState,
  check: () => T | undefined,
  timeoutMs: number,
  what: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
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
      state.events.off('call', onCall);
    };
    state.events.on('call', onCall);
  });
}
