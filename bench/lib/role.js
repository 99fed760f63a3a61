// One role of bench/bot-latency.js --split in its own process, started through the one role
// table (bin/src/roles) exactly as `npm start` starts it, minus what a bench does not need
// (migrations, the runtime lock, retries of the first connection, the metrics and probe
// servers). The bot's per-user rate limit is lifted: every simulated chat is one user sending
// many requests. Usage: ROLE=worker|tgbot DATABASE_URL=… REDIS_URL=… node bench/lib/role.js
const { hostname } = require('node:os');
const { loadConfig } = require('@scoreline/config');
const { createDb } = require('@scoreline/db');
const {
  createLogger,
  createMetricsRegistry,
  createRedisHeartbeatStore,
  flushLogger,
} = require('@scoreline/ops');
const { Redis } = require('ioredis');
const { createRoleQueue, rolesOf, startRoles } = require('../../bin/dist/roles');

async function main() {
  const config = loadConfig();
  if (config.role !== 'worker' && config.role !== 'tgbot') throw new Error('ROLE: worker or tgbot');
  if (!config.redis) throw new Error('REDIS_URL is required');
  const logger = createLogger({
    role: config.role,
    level: config.log.level,
    appVersion: config.app.version,
    gitSha: config.app.gitSha,
  });
  const roles = rolesOf(config.role);
  const db = createDb(config.db, { logger });
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
  redis.on('error', (err) => logger.warn(`redis: ${err.message}`));
  const queue = createRoleQueue(config, roles, logger);
  const stops = [() => db.destroy(), () => redis.quit(), () => queue.close()];
  await startRoles(
    {
      config,
      logger,
      db,
      heartbeats: createRedisHeartbeatStore(redis, config.queue.prefix),
      metrics: createMetricsRegistry({
        role: config.role,
        appVersion: config.app.version,
        gitSha: config.app.gitSha,
      }),
      queue,
      redis,
      instance: `${hostname()}:${process.pid}`,
      roles,
      telegramWebhook: {},
      options: { tgbot: { flood: { max: 1_000_000, windowMs: 1_000 } } },
    },
    { add: (_name, stop) => stops.push(stop) },
  );
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
