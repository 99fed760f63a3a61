import { cleanEnv, EnvMissingError } from 'envalid';
import { assemblePgUrl, assembleRedisUrl, parseDatabaseUrl } from './dsn';
import { ConfigError } from './errors';
import type { LogLevel } from './log-level';
import { join } from 'node:path';
import { REPO_ROOT, resolvePaths, type PathSettings } from './paths';
import { gitSha, packageVersion } from './release';
import { ENV_SPEC, type Role } from './spec';

export type DatabaseSettings =
  | { client: 'sqlite'; path: string }
  | { client: 'pg'; writerUrl: string; readerUrl?: string; replicaUrl?: string };

export interface Config {
  role: Role;
  app: { version: string; gitSha: string; defaultLocale: 'ru' | 'en' };
  log: { level: LogLevel };
  paths: PathSettings;
  db: DatabaseSettings;
  /** Undefined: no Redis, the in-process queue and SQL heartbeats are used. */
  redis: { url: string } | undefined;
  queue: { prefix: string };
  api: { host: string; port: number; adminToken: string | undefined };
  metrics: { enabled: boolean; port: number };
  health: { enabled: boolean; host: string; port: number };
  telegram: {
    token: string | undefined;
    apiRoot: string;
    proxyUrl: string | undefined;
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    polling: boolean;
    startupDelayMs: number;
    adminIds: readonly number[];
    /** OUTBOX_CONCURRENCY: outbox jobs in flight, so the limiter, not the queue, sets the pace. */
    outboxConcurrency: number;
  };
  sportmonks: { token: string | undefined; baseUrl: string; leagueIds: readonly number[] };
  /** The free live source; the worker uses it only while no SportMonks token is set. */
  footballData: { enabled: boolean; baseUrl: string; leagues: readonly string[] };
  scheduler: {
    enabled: boolean;
    failsafe: boolean;
    /** Null when RETRAIN_CRON=off. */
    retrainCron: string | null;
    syncCron: string;
    backupCron: string;
    maintenanceCron: string;
  };
  backup: { dir: string; keep: number };
  /**
   * First-start bootstrap (BOOTSTRAP): the worker imports `historyDir` (data/history in the
   * repository, one folder per league) into an empty database and trains every league.
   */
  bootstrap: { enabled: boolean; historyDir: string };
  /** Model registry: artifacts kept per league (MODEL_KEEP). */
  models: { keep: number };
  shutdown: { timeoutMs: number };
  retry: { attempts: number; delaySec: number; maxDelaySec: number; backoff: number };
  /** Things worth one warning line at startup (deprecated variables, path fallback). */
  warnings: readonly string[];
}

export interface LoadConfigOptions {
  /** Decides whether the /data default is usable; injected by tests. */
  dataDirUsable?: (path: string) => boolean;
}

const PG_COMPONENTS = ['PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGHOST_RO', 'PGHOST_RR'] as const;

/**
 * Reads the environment once into a typed, deeply frozen Config. Throws ConfigError listing
 * every bad variable (names and expectations only, never values).
 */
export function loadConfig(
  rawEnv: Record<string, string | undefined> = process.env,
  options: LoadConfigOptions = {},
): Config {
  // Amvera's UI can leave a variable defined but empty: treat that as unset.
  const env = Object.fromEntries(
    Object.entries(rawEnv).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const problems: string[] = [];
  const e = cleanEnv(env, ENV_SPEC, {
    reporter: ({ errors }) => {
      for (const [name, err] of Object.entries(errors)) {
        if (!err) continue;
        problems.push(
          err instanceof EnvMissingError ? `${name}: required` : `${name}: ${err.message}`,
        );
      }
    },
  });
  if (problems.length > 0) throw new ConfigError(problems);

  const warnings: string[] = [];

  // Postgres: DATABASE_URL wins; else assemble from PG* components around PGHOST_RW.
  const components = {
    user: e.PGUSER,
    password: e.PGPASSWORD,
    database: e.PGDATABASE,
    port: e.PGPORT,
  };
  const fromUrl = (value: string | undefined) => (value ? parseDatabaseUrl(value) : undefined);
  const writer = fromUrl(e.DATABASE_URL);
  let db: DatabaseSettings;
  if (writer?.client === 'sqlite') {
    db = { client: 'sqlite', path: writer.path };
  } else {
    const writerUrl =
      writer?.url ?? (e.PGHOST_RW ? assemblePgUrl(e.PGHOST_RW, components) : undefined);
    if (!writerUrl && PG_COMPONENTS.some((k) => env[k])) {
      problems.push(
        'PGHOST_RW: required when PGUSER/PGPASSWORD/PGDATABASE/PGHOST_RO/PGHOST_RR are set',
      );
    }
    const secondary = (name: 'DATABASE_URL_RO' | 'DATABASE_URL_R', host: string | undefined) => {
      const parsed = fromUrl(e[name]);
      if (parsed?.client === 'sqlite') {
        problems.push(`${name}: expected a Postgres URL (SQLite has no separate readers)`);
        return undefined;
      }
      return parsed?.url ?? (host ? assemblePgUrl(host, components) : undefined);
    };
    const readerUrl = secondary('DATABASE_URL_RO', e.PGHOST_RO);
    const replicaUrl = secondary('DATABASE_URL_R', e.PGHOST_RR);
    db = writerUrl
      ? { client: 'pg', writerUrl, readerUrl, replicaUrl }
      : { client: 'sqlite', path: '' };
    if (!writerUrl && (readerUrl || replicaUrl)) {
      problems.push('DATABASE_URL: required when DATABASE_URL_RO or DATABASE_URL_R is set');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const paths = resolvePaths(e, options.dataDirUsable);
  if (db.client === 'sqlite' && !db.path) db = { client: 'sqlite', path: paths.dbPath };
  if (paths.dataDirSource === 'fallback') {
    warnings.push(`DATA_DIR is not set and /data is not writable: using ${paths.dataDir}`);
  }

  const redisUrl =
    e.REDIS_URL ??
    assembleRedisUrl({
      host: e.REDIS_HOST,
      port: e.REDIS_PORT,
      db: e.REDIS_DB,
      password: e.REDIS_PASSWORD,
    });

  // Deprecated synonyms still work, with one warning each naming the variable to use.
  let sportmonksToken = e.SPORTMONKS_API_TOKEN;
  for (const legacy of ['SPORTMONKS_TOKEN', 'SPORTMONKS_API_KEY'] as const) {
    if (!e[legacy]) continue;
    warnings.push(
      e.SPORTMONKS_API_TOKEN || sportmonksToken
        ? `${legacy} is deprecated and ignored because a token is already set: use SPORTMONKS_API_TOKEN`
        : `${legacy} is deprecated: rename it to SPORTMONKS_API_TOKEN`,
    );
    sportmonksToken ??= e[legacy];
  }
  if (!e.PYTHONUNBUFFERED) {
    warnings.push('PYTHONUNBUFFERED=0 has no effect: Scoreline always writes logs unbuffered');
  }

  const ids = (list: string) => (list ? list.split(',').map(Number) : []);

  return deepFreeze<Config>({
    role: e.ROLE,
    app: {
      version: e.APP_VERSION || packageVersion(),
      gitSha: e.GIT_SHA || gitSha(),
      defaultLocale: e.DEFAULT_LOCALE,
    },
    log: { level: e.LOG_LEVEL },
    paths,
    db,
    redis: redisUrl ? { url: redisUrl } : undefined,
    queue: { prefix: e.QUEUE_PREFIX },
    api: { host: '0.0.0.0', port: e.PORT, adminToken: e.API_ADMIN_TOKEN },
    metrics: { enabled: e.ENABLE_METRICS, port: e.METRICS_PORT },
    health: { enabled: e.ENABLE_HEALTH, host: e.HEALTH_HOST, port: e.HEALTH_PORT },
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      proxyUrl: e.TELEGRAM_PROXY_URL,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      polling: e.ENABLE_POLLING,
      startupDelayMs: Math.round(e.STARTUP_DELAY_SEC * 1000),
      adminIds: ids(e.ADMIN_IDS),
      outboxConcurrency: e.OUTBOX_CONCURRENCY,
    },
    sportmonks: {
      token: sportmonksToken,
      baseUrl: e.SPORTMONKS_BASE_URL,
      leagueIds: ids(e.SPORTMONKS_LEAGUE_IDS),
    },
    footballData: {
      enabled: e.FOOTBALL_DATA_SYNC,
      baseUrl: e.FOOTBALL_DATA_BASE_URL,
      leagues: e.FOOTBALL_DATA_LEAGUES.split(','),
    },
    scheduler: {
      enabled: e.ENABLE_SCHEDULER,
      failsafe: e.FAILSAFE_MODE,
      retrainCron: e.RETRAIN_CRON === 'off' ? null : e.RETRAIN_CRON,
      syncCron: e.SYNC_CRON,
      backupCron: e.BACKUP_CRON,
      maintenanceCron: e.MAINTENANCE_CRON,
    },
    backup: { dir: paths.backupDir, keep: e.BACKUP_KEEP },
    bootstrap: { enabled: e.BOOTSTRAP, historyDir: join(REPO_ROOT, 'data', 'history') },
    models: { keep: e.MODEL_KEEP },
    shutdown: { timeoutMs: Math.round(e.SHUTDOWN_TIMEOUT * 1000) },
    retry: {
      attempts: e.RETRY_ATTEMPTS,
      delaySec: e.RETRY_DELAY,
      maxDelaySec: e.RETRY_MAX_DELAY,
      backoff: e.RETRY_BACKOFF,
    },
    warnings,
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
