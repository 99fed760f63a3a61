// Which part answers a request: the methods the emulator implements itself (getUpdates, edits,
// files), else telegram-test-api's express app; every call is recorded after its answer.
import type http from 'node:http';
import { handleEdit } from './edits';
import { handleSendFile } from './files';
import { handleGetUpdates } from './get-updates';
import { record, type EmulatorState } from './state';
import { badRequest, sendJson } from './wire';

const BOT_PATH = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/;

export function createRequestListener(
  state: EmulatorState,
  app: http.RequestListener,
): http.RequestListener {
  return (req, res) => {
    const match = BOT_PATH.exec(new URL(req.url ?? '/', 'http://emulator').pathname);
    if (!match) {
      app(req, res);
      return;
    }
    const [, token = '', method = ''] = match;
    const own = ownHandler(state, token, method, req, res);
    if (own) {
      own.catch((err: unknown) => {
        if (res.headersSent) res.destroy();
        else sendJson(res, 400, badRequest(`Bad Request: ${String(err)}`));
      });
      return;
    }
    // express's body parsers leave the parsed body on this same request object.
    res.on('finish', () =>
      record(state, token, method, (req as { body?: Record<string, unknown> }).body ?? {}),
    );
    app(req, res);
  };
}

function ownHandler(
  state: EmulatorState,
  token: string,
  method: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> | undefined {
  switch (method) {
    case 'getUpdates':
      return handleGetUpdates(state, token, req, res);
    case 'editMessageText':
    case 'editMessageReplyMarkup':
      return handleEdit(state, token, method, req, res);
    case 'sendPhoto':
    case 'sendDocument':
      return handleSendFile(state, token, method, req, res);
    default:
      return undefined;
  }
}
