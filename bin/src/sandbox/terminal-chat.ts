// A chat with the bot in the terminal: each typed line is a message from one emulated user, the
// bot's messages and edits are printed as they appear, and a bare number presses that button of
// the latest message with buttons. Piped input is a script: each line waits for the bot to
// settle before the next one is sent, so the transcript reads in order, and keeps to the bot's
// flood guard (the real one, as every user meets it: a script is paced, the guard is not
// loosened). Photos and documents (charts, exports) are saved to a folder and the transcript
// names the saved file.
import { errorText } from '@scoreline/ops';
import type { BotFile, BotMessage, TestChat } from '@scoreline/bot-api-emulator';
import { FLOOD_LIMITS } from '@scoreline/tgbot';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import { inlineButtons, note, renderFile, renderMessage } from './render';

export interface TerminalChatOptions {
  chat: TestChat;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Input is a person at a terminal: a prompt, no waiting between lines. */
  interactive: boolean;
  /** Output is a terminal: ANSI styles. */
  color: boolean;
  /** Where the bot's photos and documents are saved (created on the first one). */
  filesDir: string;
  /** Stops the chat from outside (a signal); it then ends as on EOF. */
  signal?: AbortSignal;
  /** Piped input: a line is done when nothing changed for quietMs, or after maxMs at most. */
  settle?: { quietMs: number; maxMs: number };
  /** How often the emulator's record of the chat is checked for news. */
  pollMs?: number;
  /** Piped input keeps under these limits of the bot's flood guard (default: the bot's own). */
  pace?: { max: number; windowMs: number; duplicateMs: number };
}

export type ChatEnd = 'quit' | 'eof';

const QUIT_COMMANDS = new Set(['/quit', '/exit']);
/**
 * The bot's "working on it" mark (⏳ Calculating…): a message still showing it will be edited
 * with the answer, however long a busy machine takes, so the line is not done yet.
 */
const PLACEHOLDER = '⏳';
const placeholderShown = (chat: TestChat) =>
  chat.allMessages().some((m) => m.text.includes(PLACEHOLDER));
const DEFAULT_SETTLE = { quietMs: 1500, maxMs: 15_000 };
/** Kept on top of the guard's window, for the clocks of two loops. */
const PACE_MARGIN_MS = 250;

export async function runTerminalChat(opts: TerminalChatOptions): Promise<ChatEnd> {
  const { chat, output, color } = opts;
  const settle = opts.settle ?? DEFAULT_SETTLE;
  const rl = createInterface({
    input: opts.input,
    output: opts.interactive ? output : undefined,
    terminal: opts.interactive,
    prompt: '> ',
  });
  // Ctrl+C at the prompt ends the chat like /quit instead of leaving readline paused.
  rl.on('SIGINT', () => rl.close());
  const onAbort = () => rl.close();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) rl.close(); // stopped while the system was still starting

  let ended = false;
  const print = (text: string): void => {
    // A button answer may arrive after the chat ended; the terminal is no longer ours by then.
    if (ended) return;
    if (opts.interactive) {
      // Print above the prompt, then redraw it with whatever the user had typed so far.
      clearLine(output, 0);
      cursorTo(output, 0);
      output.write(text);
      rl.prompt(true);
    } else {
      output.write(text);
    }
  };
  const watcher = watchChat(chat, print, color, opts.filesDir, opts.pollMs ?? 100);
  const pacer = createPacer(opts.pace ?? FLOOD_LIMITS);

  try {
    if (opts.interactive) rl.prompt();
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '') {
        if (opts.interactive) rl.prompt();
        continue;
      }
      if (!opts.interactive) output.write(`> ${line}\n`);
      if (QUIT_COMMANDS.has(line.toLowerCase())) return 'quit';
      if (!opts.interactive) {
        const waitMs = pacer.waitBefore(line, Date.now());
        if (waitMs > 0) {
          print(
            note(
              `(waiting ${Math.ceil(waitMs / 1000)} s: the bot takes ${pacer.limits.max} messages per ` +
                `${pacer.limits.windowMs / 1000} s from one user)`,
              color,
            ),
          );
          await sleep(waitMs, opts.signal);
          if (opts.signal?.aborted) break;
        }
      }
      const mark = watcher.changes();
      try {
        if (/^\d+$/.test(line)) await pressButton(Number(line), chat, watcher, print, color);
        else await chat.send(line);
      } catch (err) {
        // One failed line (the emulator refused it) is not a reason to end the session.
        print(note(`(not sent: ${errorText(err)})`, color));
        continue;
      }
      if (opts.interactive) rl.prompt();
      else {
        await watcher.settled(mark, settle, opts.signal);
        // Stamped once the answer has settled, not when sent: the bot counts a request when it
        // handles it, which can be seconds later (at start-up, before it polls), never later
        // than its answer.
        pacer.handled(line, Date.now());
      }
    }
    return 'eof';
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    watcher.stop();
    ended = true;
    rl.close();
  }
}

/**
 * When a scripted line may go without the flood guard refusing it: fewer than `max` lines in
 * the last window, and not the same line again within the duplicate time.
 */
function createPacer(limits: { max: number; windowMs: number; duplicateMs: number }) {
  const sentAt: number[] = [];
  let last = { line: '', at: -Infinity };
  return {
    limits,
    waitBefore(line: string, now: number): number {
      const recent = sentAt.filter((t) => now - t < limits.windowMs + PACE_MARGIN_MS);
      const windowWait =
        recent.length >= limits.max
          ? recent[recent.length - limits.max]! + limits.windowMs + PACE_MARGIN_MS - now
          : 0;
      const duplicateWait =
        line === last.line ? last.at + limits.duplicateMs + PACE_MARGIN_MS - now : 0;
      return Math.max(0, windowWait, duplicateWait);
    },
    handled(line: string, at: number): void {
      sentAt.push(at);
      last = { line, at };
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function pressButton(
  n: number,
  chat: TestChat,
  watcher: ChatWatcher,
  print: (text: string) => void,
  color: boolean,
): Promise<void> {
  const message = watcher.latestWithButtons();
  if (!message) {
    print(note('(no message with buttons yet)', color));
    return;
  }
  const buttons = inlineButtons(message);
  const button = buttons[n - 1];
  if (!button) {
    print(note(`(no button ${n}: the latest buttons are 1–${buttons.length})`, color));
    return;
  }
  if (button.callback_data === undefined) {
    print(note(`(button ${n} is a link: ${String(button.url ?? '')})`, color));
    return;
  }
  const pressed = await chat.pressRaw(button.callback_data, message.message_id);
  // The bot's answerCallbackQuery is a toast on a phone; here it is a note, when it has text.
  pressed.answer(5000).then(
    (answer) => {
      watcher.touch();
      if (answer.text) print(note(`(bot: ${answer.text})`, color));
    },
    () => print(note('(the bot did not answer the button press)', color)),
  );
}

interface ChatWatcher {
  /** A counter of what has been printed (new messages, edits, button answers). */
  changes(): number;
  /** Counts a change that is not a message (a button answer). */
  touch(): void;
  latestWithButtons(): BotMessage | undefined;
  /**
   * Resolves once something changed after `mark` and then nothing for quietMs, after maxMs at
   * most, or at once when the chat is being stopped.
   */
  settled(
    mark: number,
    limits: { quietMs: number; maxMs: number },
    signal?: AbortSignal,
  ): Promise<void>;
  stop(): void;
}

/**
 * Polls the emulator's record of the chat and prints what is new: a message not seen before,
 * or a message whose text or buttons differ from what was printed (an edit). Polling an
 * in-memory list every 100 ms costs nothing and needs no hook into the emulator.
 */
function watchChat(
  chat: TestChat,
  print: (text: string) => void,
  color: boolean,
  filesDir: string,
  pollMs: number,
): ChatWatcher {
  const printed = new Map<number, string>();
  const filesSeen = new Set<number>();
  let changes = 0;
  let lastChangeAt = Date.now();
  const changed = () => {
    changes += 1;
    lastChangeAt = Date.now();
  };
  const scan = () => {
    // Messages and files share one id sequence: print what is new in the order it was sent.
    const news: { id: number; render: () => string }[] = [];
    for (const message of chat.allMessages()) {
      const shown = `${message.text}\u0000${JSON.stringify(message.reply_markup ?? null)}`;
      const before = printed.get(message.message_id);
      if (before === shown) continue;
      printed.set(message.message_id, shown);
      news.push({
        id: message.message_id,
        render: () => renderMessage(message, { color, edited: before !== undefined }),
      });
    }
    for (const file of chat.files()) {
      if (filesSeen.has(file.message_id)) continue;
      filesSeen.add(file.message_id);
      news.push({
        id: file.message_id,
        render: () => renderFile(file, saveFile(file, filesDir), { color }),
      });
    }
    for (const item of news.sort((a, b) => a.id - b.id)) {
      print(item.render());
      changed();
    }
  };
  const timer = setInterval(scan, pollMs);

  return {
    changes: () => changes,
    touch: changed,
    latestWithButtons: () =>
      chat
        .allMessages()
        .filter((m) => inlineButtons(m).length > 0)
        .sort((a, b) => b.message_id - a.message_id)[0],
    settled: (mark, limits, signal) =>
      new Promise<void>((resolve) => {
        const started = Date.now();
        const check = setInterval(() => {
          scan();
          const now = Date.now();
          const quiet =
            changes > mark && now - lastChangeAt >= limits.quietMs && !placeholderShown(chat);
          if (quiet || now - started >= limits.maxMs || signal?.aborted) {
            clearInterval(check);
            resolve();
          }
        }, pollMs);
      }),
    stop: () => {
      clearInterval(timer);
      scan(); // whatever arrived since the last tick
    },
  };
}

/**
 * Writes an uploaded file as `<message id>-<name>` (the id keeps two charts of one name apart;
 * only the base name is used, so a name cannot point outside the folder) and returns the path to
 * show: relative to the current directory when inside it. A file sent by reference has no bytes.
 */
function saveFile(file: BotFile, dir: string): string | undefined {
  if (file.data.length === 0) return undefined;
  const name = basename(file.filename).replace(/[^\w.-]+/g, '_') || file.kind;
  const path = join(dir, `${file.message_id}-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, file.data);
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') ? path : shown;
}
