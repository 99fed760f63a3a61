// `npm start`: the launcher of one process. Every process boots the same way (DESIGN §1):
// config → logger → lock (tgbot, all) → dependencies with retry → its roles (bin/src/roles:
// ROLE=all is the three roles in one process over one set of dependencies) → shutdown.
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
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { prepareDirectories } from './directories';
import { runDryRun } from './dry-run';
import { createRedisClient, pingRedisOnce } from './redis';
import { createRoleQueue, rolesOf, startRoles } from './roles';

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
  const roles = rolesOf(role);
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
    const queue = createRoleQueue(config, roles, logger);
    shutdown.add('queue', () => queue.close());

    await startRoles(
      {
        config,
        logger,
        db,
        heartbeats,
        metrics,
        queue,
        ...(redis ? { redis } : {}),
        instance,
        roles,
        telegramWebhook: {},
        options: {},
      },
      shutdown,
    );
    // Without the api, Prometheus scrapes this process on its own metrics port.
    if (!roles.includes('api') && config.metrics.enabled) {
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
