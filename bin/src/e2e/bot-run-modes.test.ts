// The ways the bot receives updates besides plain polling: webhook mode (Telegram POSTs updates,
// authenticated only by the secret token it echoes) and, with Redis, a lease that lets exactly
// one of several containers poll.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSqlHeartbeatStore } from '@scoreline/db';
import { createQueueBackend } from '@scoreline/queue';
import { startTgbot, type TgbotHandle } from '@scoreline/tgbot';
import { testRedisUrl, describeWithRedis } from '@test-support/services';
import { Redis } from 'ioredis';
import { startEmulator, startFaultFront } from '@scoreline/bot-api-emulator';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBotSystem, TEST_TOKEN, type BotSystem } from '../test-support/bot-system';
import { freePort } from '@test-support/net';

const START = resolve(__dirname, '..', '..', 'start.js');

async function until(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('webhook mode', () => {
  const SECRET = 'webhook-Secret_0123456789';
  let system: BotSystem;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    system = await startBotSystem({
      front: true,
      env: {
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.test/telegram/hook',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        PORT: String(port),
      },
    });
    await until(() => system.front!.calls('setWebhook').length > 0);
  }, 120_000);
  afterAll(() => system?.dispose());

  const post = (body: string, headers: Record<string, string> = {}, path = '/telegram/hook') =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  const helpUpdate = (updateId: number, userId: number) =>
    JSON.stringify({
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: 'private' },
        from: { id: userId, is_bot: false, first_name: 'Web', language_code: 'en' },
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    });

  it('When the bot starts in webhook mode, then it registers the URL with the secret token and does not poll', () => {
    const [call] = system.front!.calls('setWebhook');

    expect(call!.body.url).toBe('https://bot.example.test/telegram/hook');
    expect(call!.body.secret_token).toBe(SECRET);
    expect(system.front!.calls('getUpdates')).toEqual([]);
    expect(system.tgbot.polling).toBe(false);
  });

  it('When Telegram posts an update with the secret token, then the bot answers it', async () => {
    const chat = system.chat({ languageCode: 'en' });

    const res = await post(helpUpdate(9_000_001, chat.userId), {
      'x-telegram-bot-api-secret-token': SECRET,
    });
    const [reply] = await chat.nextReplies(1);

    expect(res.status).toBe(200);
    expect(reply!.text).toContain('<b>Commands</b>');
  });

  it('When a call has a wrong or missing secret, a wrong path or a bad body, then it is refused and nothing is answered', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const update = helpUpdate(9_000_002, chat.userId);

    const wrong = await post(update, { 'x-telegram-bot-api-secret-token': `${SECRET}x` });
    const missing = await post(update);
    const elsewhere = await post(update, { 'x-telegram-bot-api-secret-token': SECRET }, '/other');
    const garbage = await post('{not json', { 'x-telegram-bot-api-secret-token': SECRET });

    expect([wrong.status, missing.status, elsewhere.status, garbage.status]).toEqual([
      401, 401, 404, 400,
    ]);
    expect(chat.allMessages()).toEqual([]);
    expect(JSON.stringify(system.logs)).not.toContain(SECRET);
  });
});

describe('webhook mode in ROLE=all (npm start)', () => {
  it("When everything runs in one process, then the api port serves both probes and Telegram's webhook, and SIGTERM exits 0", async () => {
    const emulator = await startEmulator();
    const front = await startFaultFront({ target: emulator.apiRoot });
    const dataDir = mkdtempSync(join(tmpdir(), 'scoreline-webhook-all-'));
    const port = await freePort();
    const child = spawn(process.execPath, [START], {
      env: {
        PATH: process.env.PATH,
        ROLE: 'all',
        BOOTSTRAP: '0',
        FOOTBALL_DATA_SYNC: '0',
        DATA_DIR: dataDir,
        PORT: String(port),
        TELEGRAM_BOT_TOKEN: TEST_TOKEN,
        TELEGRAM_API_ROOT: front.apiRoot,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.test/hook',
        TELEGRAM_WEBHOOK_SECRET: 'all-in-one-Secret_0123',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(() => out.includes('started role=all'), 60_000);
      await until(() => front.calls('setWebhook').length > 0);
      const chat = emulator.chat(TEST_TOKEN, { languageCode: 'en' });

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      const hook = await fetch(`http://127.0.0.1:${port}/hook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': 'all-in-one-Secret_0123',
        },
        body: JSON.stringify({
          update_id: 1,
          message: {
            message_id: 1,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chat.chatId, type: 'private' },
            from: { id: chat.userId, is_bot: false, first_name: 'A', language_code: 'en' },
            text: '/help',
            entities: [{ type: 'bot_command', offset: 0, length: 5 }],
          },
        }),
      });
      const [reply] = await chat.nextReplies(1, 10_000);

      expect(health.status).toBe(200);
      expect(hook.status).toBe(200);
      expect(reply!.text).toContain('<b>Commands</b>');
      expect(front.calls('getUpdates')).toEqual([]);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).not.toContain('all-in-one-Secret_0123');
    } finally {
      child.kill('SIGKILL');
      await front.stop();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describeWithRedis('polling lease over Redis', () => {
  let system: BotSystem;
  let redis: Redis;
  let second: TgbotHandle | undefined;
  const secondQueue = createQueueBackend({
    prefix: 'lease-test',
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    role: 'both',
  });

  beforeAll(async () => {
    redis = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
    await redis.del(`lease-${process.pid}:tgbot:polling-lease`);
    system = await startBotSystem({
      env: { QUEUE_PREFIX: `lease-${process.pid}` },
      tgbot: { redis, pollingLeaseTtlMs: 600 },
    });
    await until(() => system.tgbot.polling);
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await system?.dispose();
    await secondQueue.close();
    await redis?.quit();
  });

  it('When a second instance starts, then it waits for the lease while the first polls, and takes over when the first stops', async () => {
    second = await startTgbot(system.config, {
      logger: system.logger,
      heartbeats: createSqlHeartbeatStore(system.db),
      instance: 'test:tgbot-2',
      db: system.db,
      queue: secondQueue,
      redis,
      pollingLeaseTtlMs: 600,
    });
    await until(() => system.logs.some((l) => l.msg.includes('is held by test:all; waiting')));
    expect(second.polling).toBe(false);
    const chat = system.chat({ languageCode: 'en' });
    await chat.send('/help');
    expect((await chat.nextReplies(1))[0]!.text).toContain('<b>Commands</b>');

    await system.tgbot.stop();
    await until(() => second!.polling);
    await chat.send('/start');

    expect((await chat.nextReplies(1))[0]!.text).toContain('Scoreline');
    expect(await redis.get(`lease-${process.pid}:tgbot:polling-lease`)).toBe('test:tgbot-2');
  });
});
