// getUpdates with Telegram's semantics: a long poll that ends when an update arrives, and an
// update is redelivered until a later offset confirms it.
import type http from 'node:http';
import { pendingUpdates, record, type EmulatorState } from './state';
import { formatUpdate, readParams, sendJson } from './wire';

const USER_UPDATE_EVENTS = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];

export async function handleGetUpdates(
  state: EmulatorState,
  token: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const params = await readParams(req);
  const offset = Number(params.offset ?? 0);
  const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 100);
  const timeoutSec = Number(params.timeout ?? 0) || 0;
  if (offset > 0) confirmBelow(state, token, offset);
  if (pendingUpdates(state, token).length === 0 && timeoutSec > 0) {
    await waitForUserUpdate(state, token, timeoutSec * 1000, res);
  }
  if (res.destroyed || res.writableEnded) return;
  const updates = pendingUpdates(state, token).slice(0, limit).map(formatUpdate);
  sendJson(res, 200, { ok: true, result: updates });
  record(state, token, 'getUpdates', params);
}

/** An offset confirms every update below it, as on Telegram. */
function confirmBelow(state: EmulatorState, token: string, offset: number): void {
  for (const u of state.server.storage.userMessages) {
    if (u.botToken === token && u.updateId < offset) u.isRead = true;
  }
  state.confirmed.set(token, Math.max(state.confirmed.get(token) ?? 0, offset));
}

// Resolves when an update for this bot arrives, the wait times out, the client goes away
// (telegraf's bot.stop() aborts the request) or the emulator stops.
function waitForUserUpdate(
  state: EmulatorState,
  token: string,
  ms: number,
  res: http.ServerResponse,
): Promise<void> {
  const { server, pendingPolls } = state;
  return new Promise<void>((resolve) => {
    const onUpdate = (): void => {
      if (pendingUpdates(state, token).length > 0) done();
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
}
