// The tgbot role on its own: a real bot polling the local Bot API emulator, SQLite on disk, and
// an in-process queue whose `predict` consumer the test controls (the worker is another app).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '@scoreline/bot-api-emulator';
import { loadConfig } from '@scoreline/config';
import { createSqlHeartbeatStore, migrateLatest } from '@scoreline/db';
import { createQueueBackend, type PredictResult, type QueueBackend } from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Registry } from 'prom-client';
import { startTgbot, type TgbotHandle } from './role';
import { STOPPED_TEXTS } from './services/placeholders';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';

let emulator: Emulator;
let database: TestDatabase;
const logs: string[] = [];
const logger = {
  info: (m: string) => void logs.push(m),
  warn: (m: string) => void logs.push(m),
  error: (m: string) => void logs.push(m),
};

beforeAll(async () => {
  emulator = await startEmulator();
  database = await createSqliteTestDb();
  await migrateLatest(database.db);
});
afterAll(async () => {
  await emulator.stop();
  await database.dispose();
});

describe('tgbot role', () => {
  let queue: QueueBackend;
  let tgbot: TgbotHandle | undefined;

  afterEach(async () => {
    await tgbot?.stop();
    await queue.close();
  });

  async function start(
    predict: () => Promise<PredictResult>,
    env: Record<string, string> = {},
    metrics?: Registry,
  ) {
    queue = createQueueBackend({ prefix: 'tgbot-role', logger, role: 'both' });
    await queue.startWorkers({ predict }, { only: ['predict'] });
    const config = loadConfig(
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        SHUTDOWN_TIMEOUT: '10',
        ...env,
      },
      { dataDirUsable: () => true },
    );
    tgbot = await startTgbot(config, {
      logger,
      heartbeats: createSqlHeartbeatStore(database.db),
      instance: 'test:tgbot',
      db: database.db,
      queue,
      ...(metrics ? { metrics } : {}),
    });
    const deadline = Date.now() + 10_000;
    while (!tgbot.polling && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return tgbot;
  }

  it('When the role stops while a slow prediction is in flight, then the user still gets the answer before stop() resolves', async () => {
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handle = await start(async () => {
      release();
      await new Promise((r) => setTimeout(r, 1_500));
      return { status: 'no_model', league: 'E0' };
    });
    const chat = emulator.chat(TOKEN, { languageCode: 'en' });

    await chat.send('/predict E0 Arsenal - Chelsea');
    await started;
    const [placeholder] = await chat.nextReplies(1);
    await handle.stop();

    expect(placeholder!.text).toContain('Calculating');
    expect(chat.message(placeholder!.message_id)!.text).toContain('no trained model for E0');
  });

  it('When the role stops before a prediction answers, then the "Calculating…" message is replaced by a try-again text', async () => {
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finish: () => void = () => undefined;
    const never = new Promise<void>((resolve) => (finish = resolve));
    const handle = await start(
      async () => {
        started();
        await never;
        return { status: 'no_model', league: 'E0' };
      },
      { SHUTDOWN_TIMEOUT: '1' },
    );
    const chat = emulator.chat(TOKEN, { languageCode: 'en' });

    await chat.send('/predict E0 Arsenal - Chelsea');
    await running;
    const [placeholder] = await chat.nextReplies(1);
    await handle.stop();
    finish();

    expect(placeholder!.text).toContain('Calculating');
    expect(chat.message(placeholder!.message_id)!.text).toBe(STOPPED_TEXTS.en);
    expect(logs).toContain(
      'tgbot: answers still pending at shutdown; their users were told to try again',
    );
  });

  it('When the bot handles updates, predictions and outbox messages, then its counters show them on the process registry', async () => {
    const registry = new Registry();
    await start(() => Promise.resolve({ status: 'no_model', league: 'E0' }), {}, registry);
    const chat = emulator.chat(TOKEN, { languageCode: 'en' });

    await chat.send('/predict E0 Arsenal - Chelsea');
    await chat.nextReplies(1);
    await queue.request(
      'outbox',
      { chatId: String(chat.chatId), text: 'digest', kind: 'digest' },
      { timeoutMs: 10_000 },
    );
    await chat.nextReplies(1);
    const text = await registry.metrics();

    expect(text).toMatch(/scoreline_bot_updates_total\{type="message"\} 1/);
    expect(text).toMatch(/scoreline_bot_prediction_seconds_count\{outcome="no_model"\} 1/);
    expect(text).toMatch(/scoreline_bot_outbox_total\{result="sent"\} 1/);
    // The emulator lacks setMyCommands: its error answers are counted too.
    expect(text).toMatch(
      /scoreline_bot_telegram_errors_total\{method="setMyCommands",code="500"\} [1-9]/,
    );
  });

  it('When TELEGRAM_PROXY_URL is set, then every Bot API call goes through the proxy', async () => {
    const tunnels: string[] = [];
    const sockets = new Set<Socket>();
    const proxy = createServer();
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      sockets.add(client);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    try {
      await start(() => Promise.resolve({ status: 'no_model', league: 'E0' }), {
        TELEGRAM_PROXY_URL: `http://127.0.0.1:${port}`,
      });
      const chat = emulator.chat(TOKEN, { languageCode: 'en' });

      await chat.send('/help');
      const [reply] = await chat.nextReplies(1);

      expect(reply!.text).toContain('<b>Commands</b>');
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([new URL(emulator.apiRoot).host]));
    } finally {
      await tgbot?.stop();
      tgbot = undefined;
      // Tunnels are upgraded sockets, which the server no longer tracks.
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
