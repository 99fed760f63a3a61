// A Bot API emulator for bot tests: telegram-test-api's handlers behind our own node:http server.
//
// Why not the package's own start(): it cannot listen on a free port (port 0 becomes 9000), its
// getUpdates ignores `offset` and `timeout` (updates count as read once sent, and an empty answer
// comes back at once, so telegraf's polling loop spins), and it keeps no record of calls. So this
// module listens on 127.0.0.1:0, answers getUpdates itself with Telegram's semantics (long poll,
// an update is redelivered until a later offset confirms it), and hands every other request to the
// emulator's express app, noting each call after the answer went out. Edits and files
// (sendPhoto, sendDocument, which the package lacks) are answered here too (edits.ts, files.ts).
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
// The factory only wires the named steps beside it: state.ts (what is remembered, waits),
// routing.ts (who answers a request), get-updates.ts, edits.ts, files.ts (the methods answered
// here), test-chat.ts (a user's side of a chat), wire.ts (Bot API shapes).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import TelegramServer from 'telegram-test-api';
import { createRequestListener } from './routing';
import { createState, type EmulatorState } from './state';
import { createTestChat } from './test-chat';
import type { Emulator, EmulatorServer } from './types';

export {
  DEFAULT_TIMEOUT_MS,
  type BotFile,
  type BotMessage,
  type CallbackAnswer,
  type ChatOptions,
  type Emulator,
  type EmulatorCall,
  type InlineKeyboardButton,
  type PressedButton,
  type ReplyMarkup,
  type TestChat,
} from './types';

export async function startEmulator(): Promise<Emulator> {
  // storeTimeout only matters to the package's clean-up daemon, which start() would run; we never
  // call start(), so stored messages live as long as the emulator.
  const telegram = new TelegramServer({ host: '127.0.0.1' });
  const state = createState(telegram as unknown as EmulatorServer);
  const app = (telegram as unknown as { webServer: http.RequestListener }).webServer;
  const httpServer = http.createServer(createRequestListener(state, app));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    chat: (token, opts) => createTestChat(state, token, opts),
    calls: (method) => callsOf(state, method),
    stop: () => stop(state, httpServer),
  };
}

function callsOf(state: EmulatorState, method: string | undefined) {
  return state.recorded
    .filter((c) => method === undefined || c.method === method)
    .map(({ method: m, body, at }) => ({ method: m, body, at }));
}

async function stop(state: EmulatorState, httpServer: http.Server): Promise<void> {
  for (const done of [...state.pendingPolls]) done();
  await new Promise<void>((resolve) => {
    httpServer.close(() => resolve());
    // telegraf keeps its connections alive; close() alone would wait for them.
    httpServer.closeAllConnections();
  });
}
