// The composition root. Every process boots the same way (DESIGN §1): config → logger → lock
// (tgbot, all) → dependencies with retry → start roles → register shutdown. ROLE=all is the
// three roles in one process over one set of dependencies.
import { createReadiness, startApi } from '@scoreline/api';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '@scoreline/config';
import { createDb, createSqlHeartbeatStore, migrateLatest, pingDb, type Db } from '@scoreline/db';
import {
  acquireRuntimeLock,
  ALREADY_RUNNING_LINE,
  createLogger,
  createMetricsRegistry,
  createRedisHeartbeatStore,
  createShutdown,
  describeError,
  flushLogger,
  maskUrl,
  errorText,
  retry,
  retryOptionsFrom,
  startMetricsServer,
  startTcpHealthServer,
  type HeartbeatStore,
} from '@scoreline/ops';
import { startTgbot, type WebhookHandler } from '@scoreline/tgbot';
import { createQueueBackend } from '@scoreline/queue';
import { startWorkerRole } from '@scoreline/worker';
import type { Redis } from 'ioredis';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { prepareDirectories } from './directories';
import { runDryRun } from './dry-run';
import { readinessChecks } from './readiness-checks';
import { createRedisClient, pingRedisOnce } from './redis';

const USAGE =
  'usage: npm start [-- --dry-run]   (the role comes from ROLE: api, worker, tgbot, all)';

type Logger = ReturnType<typeof createLogger>;

function fail(lines: string[], code: number): void {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exitCode = code;
}

export async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => a !== '--dry-run');
  if (unknown.length > 0) return fail([`unknown argument: ${unknown.join(' ')}`, USAGE], 2);
  const dryRun = argv.includes('--dry-run');

  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) return fail([...err.problems], 2);
    throw err;
  }

  const dirProblems = await prepareDirectories(config);
  if (dirProblems.length > 0) return fail(dirProblems, 1);

  const logger = createLogger({
    role: config.role,
    level: config.log.level,
    appVersion: config.app.version,
    gitSha: config.app.gitSha,
    logDir: dryRun ? undefined : config.paths.logDir,
  });
  for (const warning of config.warnings) logger.warn(warning);
  logger.info('bootstrap', bootstrapFields(config, dryRun));

  if (dryRun) {
    const result = await runDryRun(config);
    if (result.problems.length > 0) {
      await flushLogger(logger);
      return fail(
        result.problems.map((p) => `dry-run: ${p}`),
        1,
      );
    }
    logger.info(result.summary);
    await flushLogger(logger);
    return;
  }

  if (config.role === 'tgbot' && !config.telegram.token) {
    logger.error('TELEGRAM_BOT_TOKEN is not set: the tgbot role cannot start');
    await flushLogger(logger);
    process.exitCode = 1;
    return;
  }
  await run(config, logger);
}

function bootstrapFields(config: Config, dryRun: boolean): Record<string, unknown> {
  return {
    role: config.role,
    dry_run: dryRun,
    node: process.version,
    data_dir: config.paths.dataDir,
    data_dir_source: config.paths.dataDirSource,
    db:
      config.db.client === 'sqlite'
        ? `sqlite:${config.db.path}`
        : maskUrl(config.db.writerUrl) +
          (config.db.readerUrl ? ` ro=${maskUrl(config.db.readerUrl)}` : '') +
          (config.db.replicaUrl ? ` replica=${maskUrl(config.db.replicaUrl)}` : ''),
    redis: config.redis ? maskUrl(config.redis.url) : 'none (in-process queue)',
    model_registry: config.paths.modelRegistryPath,
    reports_dir: config.paths.reportsDir,
    log_dir: config.paths.logDir,
    backup_dir: config.paths.backupDir,
  };
}

async function run(config: Config, logger: Logger): Promise<void> {
  const shutdown = createShutdown({
    timeoutMs: config.shutdown.timeoutMs,
    logger,
    beforeExit: () => flushLogger(logger),
  });
  shutdown.installSignalHandlers();
  const retryPolicy = { ...retryOptionsFrom(config.retry), logger };
  const role = config.role;
  const instance = `${hostname()}:${process.pid}`;

  if (role === 'tgbot' || role === 'all') {
    const lock = await acquireRuntimeLock(config.paths.runtimeLockPath, { logger });
    if (!lock.acquired) {
      process.stdout.write(`${ALREADY_RUNNING_LINE(lock.pid, lock.path)}\n`);
      await flushLogger(logger);
      return;
    }
    shutdown.add('runtime lock', () => lock.release());
  }

  try {
    const db = await openDatabase(config, logger, retryPolicy);
    shutdown.add('database', () => db.destroy());

    let redis: Redis | undefined;
    if (config.redis) {
      const url = config.redis.url;
      await untilAvailable('redis connect', () => pingRedisOnce(url), retryPolicy);
      const client = createRedisClient(url);
      client.on('error', (err: Error) => logger.warn(`redis: ${errorText(err)}`));
      redis = client;
      shutdown.add('redis', async () => {
        await client.quit().catch(() => client.disconnect());
      });
    }
    const heartbeats: HeartbeatStore = redis
      ? createRedisHeartbeatStore(redis, config.queue.prefix)
      : createSqlHeartbeatStore(db);
    const metrics = createMetricsRegistry({
      role,
      appVersion: config.app.version,
      gitSha: config.app.gitSha,
    });
    // One backend per process: the in-process queue only connects roles of the same process.
    const queue = createQueueBackend({
      redisUrl: config.redis?.url,
      prefix: config.queue.prefix,
      logger,
      role: role === 'worker' ? 'worker' : role === 'all' ? 'both' : 'producer',
    });
    shutdown.add('queue', () => queue.close());
    // ROLE=all in webhook mode: the api's port receives Telegram's calls and the bot, started
    // last, plugs its handler in here (until then the path answers 503 and Telegram retries).
    const telegramWebhook: { handler?: WebhookHandler } = {};

    // The worker starts before the api so that, stopping in reverse order, the api stops taking
    // requests before the worker stops answering the ones in flight.
    if (role === 'worker' || role === 'all') {
      const worker = await startWorkerRole(config, {
        logger,
        heartbeats,
        instance,
        db,
        queue,
        metrics,
      });
      shutdown.add('worker', () => worker.stop());
    }
    if (role === 'api' || role === 'all') {
      const readiness = createReadiness({
        checks: readinessChecks(config, { db, redis, heartbeats }),
      });
      const api = await startApi(config, {
        logger,
        metrics,
        metricsEnabled: config.metrics.enabled,
        readiness,
        db,
        // An in-process queue has a consumer only when the worker runs in this process; an
        // api alone without Redis predicts from the champion directly instead of timing out.
        queue: config.redis || role === 'all' ? queue : undefined,
        ...(role === 'all' && config.telegram.token && config.telegram.webhookUrl
          ? {
              telegramWebhook: {
                path: new URL(config.telegram.webhookUrl).pathname,
                handler: (req: IncomingMessage, res: ServerResponse) => {
                  if (telegramWebhook.handler) telegramWebhook.handler(req, res);
                  else res.writeHead(503).end();
                },
              },
            }
          : {}),
      });
      shutdown.add('api', () => api.stop());
    } else if (config.metrics.enabled) {
      const server = await startMetricsServer({
        port: config.metrics.port,
        registry: metrics,
        logger,
      });
      shutdown.add('metrics server', () => server.close());
    }
    if (config.health.enabled) {
      // Legacy probe: when its port is taken it stays off with one clear line; the rest runs.
      await startTcpHealthServer({
        host: config.health.host,
        port: config.health.port,
        logger,
      }).then(
        (server) => shutdown.add('tcp health server', () => server.close()),
        (err: unknown) => logger.error(errorText(err)),
      );
    }
    if (role === 'tgbot' || role === 'all') {
      if (config.telegram.token) {
        const bot = await startTgbot(config, {
          logger,
          heartbeats,
          instance,
          db,
          queue,
          ...(redis ? { redis } : {}),
          // In ROLE=all the api owns PORT, so it serves the webhook (see telegramWebhook).
          webhookServing: role === 'all' ? 'external' : 'standalone',
          metrics,
        });
        if (bot.webhook) telegramWebhook.handler = bot.webhook.handler;
        shutdown.add('tgbot', () => bot.stop());
      } else {
        logger.warn('TELEGRAM_BOT_TOKEN is not set: the bot is off; api and worker run');
      }
    }
    logger.info(`started role=${role}`);
  } catch (err) {
    logger.error('startup failed', describeError(err));
    // Non-zero so a restart policy restarts the role (shutdown exits the process itself).
    await shutdown.shutdown('startup failure', 1);
  }
}

type RetryPolicy = ReturnType<typeof retryOptionsFrom> & { logger: Logger };

/**
 * Waits for a dependency with the RETRY_* policy, then keeps trying every RETRY_MAX_DELAY
 * instead of exiting: a container that exits on a database or Redis outage is restarted by the
 * platform into the same outage (a crash loop), while one that waits recovers on its own.
 * SIGTERM still stops it at any point.
 */
async function untilAvailable(name: string, probe: () => Promise<void>, policy: RetryPolicy) {
  for (;;) {
    try {
      return await retry(probe, { ...policy, name });
    } catch {
      const waitMs = Math.max(policy.maxDelayMs, 1000);
      policy.logger.error(`${name} still failing; next try in ${(waitMs / 1000).toFixed(1)}s`);
      await sleep(waitMs);
    }
  }
}

async function openDatabase(config: Config, logger: Logger, retryPolicy: RetryPolicy): Promise<Db> {
  const db = createDb(config.db, { logger });
  try {
    await untilAvailable('database connect', () => pingDb(db, 5000), retryPolicy);
    const applied = await migrateLatest(db);
    if (applied.length > 0) logger.info(`applied migrations: ${applied.join(', ')}`);
    return db;
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
}
