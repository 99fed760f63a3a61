// One role of bench/bot-latency.js --split in its own process, composed as `npm start` composes
// it (config from the environment, Postgres, Redis heartbeats and polling lease, the BullMQ
// backend on the role's side of the queue), minus what a bench does not need (migrations, the
// runtime lock, retries of the first connection, the metrics and probe servers). The bot's
// per-user rate limit is lifted: every simulated chat is one user sending many requests.
// Usage: ROLE=worker|tgbot DATABASE_URL=… REDIS_URL=… node bench/lib/role.js
const { hostname } = require('node:os');
const { loadConfig } = require('@scoreline/config');
const { createDb } = require('@scoreline/db');
const {
  createLogger,
  createMetricsRegistry,
  createRedisHeartbeatStore,
  flushLogger,
} = require('@scoreline/ops');
const { createQueueBackend } = require('@scoreline/queue');
const { startTgbot } = require('@scoreline/tgbot');
const { startWorkerRole } = require('@scoreline/worker');
const { Redis } = require('ioredis');

async function main() {
  const config = loadConfig();
  const role = config.role;
  if (role !== 'worker' && role !== 'tgbot') throw new Error(`ROLE must be worker or tgbot`);
  const logger = createLogger({
    role,
    level: config.log.level,
    appVersion: config.app.version,
    gitSha: config.app.gitSha,
  });
  const instance = `${hostname()}:${process.pid}`;
  const db = createDb(config.db, { logger });
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
  redis.on('error', (err) => logger.warn(`redis: ${err.message}`));
  const heartbeats = createRedisHeartbeatStore(redis, config.queue.prefix);
  // The bot consumes the outbox, so it is on both sides of the queue.
  const queue = createQueueBackend({
    redisUrl: config.redis.url,
    prefix: config.queue.prefix,
    logger,
    role: role === 'worker' ? 'worker' : 'both',
  });
  const stops = [() => db.destroy(), () => redis.quit(), () => queue.close()];
  const metrics = createMetricsRegistry({
    role,
    appVersion: config.app.version,
    gitSha: config.app.gitSha,
  });
  const deps = { logger, heartbeats, instance, db, queue, metrics };
  const started =
    role === 'worker'
      ? await startWorkerRole(config, deps)
      : await startTgbot(config, { ...deps, redis, flood: { max: 1_000_000, windowMs: 1_000 } });
  stops.push(() => started.stop());
  process.once('SIGTERM', () => {
    (async () => {
      for (const stop of stops.reverse()) await stop();
      await flushLogger(logger);
    })().catch((err) => {
      console.error(`stop failed: ${err instanceof Error ? err.message : err}`);
      process.exitCode = 1;
    });
  });
}

main().catch((err) => {
  console.error(`role failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
  process.kill(process.pid, 'SIGTERM');
});
