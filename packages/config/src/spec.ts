// Every environment variable Scoreline reads, in one table. `.env.example` and the Russian table
// in docs/deploy-amvera.md must list exactly these keys (a contract test enforces it).
import { makeValidator } from 'envalid';
import { databaseUrl } from './dsn';
import { LOG_LEVEL_NAMES, logLevel } from './log-level';
import {
  choice,
  cron,
  cronOrOff,
  decimal,
  flag,
  httpUrl,
  idList,
  leagueCodeList,
  integer,
  listenPort,
  proxyUrl,
  redisUrl,
  secret,
  tcpPort,
  text,
} from './validators';

export const ROLES = ['api', 'worker', 'tgbot', 'all'] as const;
export type Role = (typeof ROLES)[number];

const host = makeValidator<string>((input) => input.trim());

export const ENV_SPEC = {
  // Process and release
  ROLE: choice(ROLES, { bot: 'tgbot' })({
    default: 'all',
    desc: 'Role of this process: api, worker, tgbot (alias bot) or all',
  }),
  APP_VERSION: text({
    default: '',
    desc: 'Release version for logs and metrics (empty: package.json version)',
  }),
  GIT_SHA: text({
    default: '',
    desc: 'Commit SHA for tracing (empty: read from .git when present)',
  }),
  LOG_LEVEL: logLevel({
    default: 'info',
    desc: `Log level, case-insensitive: ${LOG_LEVEL_NAMES.join(', ')}`,
  }),
  PYTHONUNBUFFERED: flag({
    default: true,
    desc: 'Kept from the Python era; Node.js already writes logs unbuffered',
  }),
  DEFAULT_LOCALE: choice(['ru', 'en'] as const)({
    default: 'ru',
    desc: 'Language for chats that have not chosen one',
  }),

  // Paths
  DATA_DIR: text({ default: undefined, desc: 'Root of every default path' }),
  DB_PATH: text({ default: undefined, desc: 'SQLite file when no Postgres DSN is set' }),
  MODEL_REGISTRY_PATH: text({ default: undefined, desc: 'Model artifact directory' }),
  REPORTS_DIR: text({ default: undefined, desc: 'Model reports and charts directory' }),
  LOG_DIR: text({ default: undefined, desc: 'JSON log files directory' }),
  BACKUP_DIR: text({ default: undefined, desc: 'SQLite backups directory' }),
  BACKUP_KEEP: integer(1, 1000)({ default: 10, desc: 'SQLite backups kept after rotation' }),
  RUNTIME_LOCK_PATH: text({ default: undefined, desc: 'Single-instance lock file' }),
  BOOTSTRAP: flag({
    default: true,
    desc: 'On an empty database the worker imports the bundled history and trains every league',
  }),
  MODEL_KEEP: integer(
    1,
    1000,
  )({
    default: 5,
    desc: 'Model artifacts kept per league (the champion is always kept)',
  }),

  // Postgres (DATABASE_URL wins over the components)
  DATABASE_URL: databaseUrl({ default: undefined, desc: 'Writer DSN (Postgres)' }),
  DATABASE_URL_RO: databaseUrl({
    default: undefined,
    desc: 'Read-only DSN (falls back to PGHOST_RO)',
  }),
  DATABASE_URL_R: databaseUrl({
    default: undefined,
    desc: 'Replica DSN (falls back to PGHOST_RR)',
  }),
  PGUSER: text({ default: undefined, desc: 'Postgres user for the assembled DSN' }),
  PGPASSWORD: secret({ default: undefined, desc: 'Postgres password for the assembled DSN' }),
  PGDATABASE: text({ default: undefined, desc: 'Postgres database for the assembled DSN' }),
  PGHOST_RW: host({ default: undefined, desc: 'Postgres writer host' }),
  PGHOST_RO: host({ default: undefined, desc: 'Postgres read-only host' }),
  PGHOST_RR: host({ default: undefined, desc: 'Postgres replica host' }),
  PGPORT: tcpPort({ default: 5432, desc: 'Postgres port for the assembled DSN' }),

  // Redis and queues (REDIS_URL wins over the components; no Redis → in-process queue)
  REDIS_URL: redisUrl({ default: undefined, desc: 'Redis URL' }),
  REDIS_HOST: host({ default: undefined, desc: 'Redis host for the assembled URL' }),
  REDIS_PORT: tcpPort({ default: 6379, desc: 'Redis port for the assembled URL' }),
  REDIS_DB: integer(0, 15)({ default: 0, desc: 'Redis database number for the assembled URL' }),
  REDIS_PASSWORD: secret({ default: undefined, desc: 'Redis password for the assembled URL' }),
  QUEUE_PREFIX: text({ default: 'scoreline', desc: 'Prefix of queue and heartbeat keys in Redis' }),

  // Telegram
  TELEGRAM_BOT_TOKEN: secret({ default: undefined, desc: 'Bot token from BotFather (tgbot role)' }),
  TELEGRAM_API_ROOT: httpUrl({
    default: 'https://api.telegram.org',
    desc: 'Bot API server (self-hosted or a local emulator)',
  }),
  TELEGRAM_PROXY_URL: proxyUrl({ default: undefined, desc: 'Proxy for Bot API traffic' }),
  TELEGRAM_WEBHOOK_URL: httpUrl({
    default: undefined,
    desc: 'Public HTTPS URL: webhook mode instead of polling',
  }),
  TELEGRAM_WEBHOOK_SECRET: secret({
    default: undefined,
    desc: 'Secret token Telegram echoes on webhook calls',
  }),
  ENABLE_POLLING: flag({ default: true, desc: 'Run Telegram long polling' }),
  STARTUP_DELAY_SEC: decimal(
    0,
    3600,
  )({ default: 0, desc: 'Delay before polling starts (seconds)' }),
  OUTBOX_CONCURRENCY: integer(
    1,
    256,
  )({
    default: 32,
    desc: 'Outbox messages the tgbot sends at once (the send-rate limiter paces them)',
  }),
  ADMIN_IDS: idList({ default: '', desc: 'Telegram user ids allowed to run admin commands' }),

  // HTTP, probes, metrics
  PORT: listenPort({ default: 8080, desc: 'HTTP port of the api role (0.0.0.0)' }),
  API_ADMIN_TOKEN: secret({
    default: undefined,
    desc: 'Bearer token for /v1/admin routes (unset: routes answer 404)',
  }),
  ENABLE_METRICS: flag({ default: false, desc: 'Prometheus /metrics' }),
  METRICS_PORT: listenPort({ default: 8000, desc: '/metrics port of worker and tgbot run alone' }),
  ENABLE_HEALTH: flag({ default: false, desc: 'Legacy TCP health server' }),
  HEALTH_HOST: host({ default: '0.0.0.0', desc: 'Legacy health server address' }),
  HEALTH_PORT: tcpPort({ default: 8080, desc: 'Legacy health server port' }),

  // SportMonks
  SPORTMONKS_API_TOKEN: secret({ default: undefined, desc: 'SportMonks API token' }),
  SPORTMONKS_TOKEN: secret({
    default: undefined,
    desc: 'Deprecated synonym of SPORTMONKS_API_TOKEN',
  }),
  SPORTMONKS_API_KEY: secret({
    default: undefined,
    desc: 'Deprecated synonym of SPORTMONKS_API_TOKEN',
  }),
  SPORTMONKS_BASE_URL: httpUrl({
    default: 'https://api.sportmonks.com/v3/football',
    desc: 'SportMonks Football API base URL',
  }),
  SPORTMONKS_LEAGUE_IDS: idList({
    default: '8',
    desc: 'SportMonks league ids to sync (8 = Premier League)',
  }),

  // football-data.co.uk: the free live source when no SportMonks token is set
  FOOTBALL_DATA_SYNC: flag({
    default: true,
    desc: 'Without a SportMonks token, sync results daily and fixtures twice a day from football-data.co.uk',
  }),
  FOOTBALL_DATA_BASE_URL: httpUrl({
    default: 'https://www.football-data.co.uk',
    desc: 'football-data.co.uk base URL (mmz4281/<season>/<div>.csv, fixtures.csv)',
  }),
  FOOTBALL_DATA_LEAGUES: leagueCodeList({
    default: 'E0,SP1,D1',
    desc: 'Division codes to sync from football-data.co.uk',
  }),

  // Scheduler
  ENABLE_SCHEDULER: flag({ default: true, desc: 'Register scheduled jobs (worker)' }),
  FAILSAFE_MODE: flag({ default: false, desc: 'Leave out retrain, backup and VACUUM/ANALYZE' }),
  RETRAIN_CRON: cronOrOff({ default: '0 3 * * *', desc: 'Retraining schedule, or off' }),
  SYNC_CRON: cron({ default: '15 * * * *', desc: 'SportMonks sync schedule' }),
  BACKUP_CRON: cron({ default: '30 2 * * *', desc: 'Daily SQLite backup schedule' }),
  MAINTENANCE_CRON: cron({ default: '0 4 * * 0', desc: 'Weekly VACUUM/ANALYZE schedule' }),

  // Resilience
  SHUTDOWN_TIMEOUT: decimal(0, 3600)({ default: 30, desc: 'Graceful shutdown limit (seconds)' }),
  RETRY_ATTEMPTS: integer(1, 100)({ default: 3, desc: 'Tries of a network operation' }),
  RETRY_DELAY: decimal(0, 3600)({ default: 1.0, desc: 'First retry delay (seconds)' }),
  RETRY_MAX_DELAY: decimal(0, 3600)({ default: 8.0, desc: 'Longest retry delay (seconds)' }),
  RETRY_BACKOFF: decimal(1, 100)({ default: 2.0, desc: 'Retry delay multiplier' }),
};

export type EnvName = keyof typeof ENV_SPEC;

/** Variables whose values are secrets: never printed, masked in summaries. */
export const SECRET_VARS: ReadonlySet<EnvName> = new Set<EnvName>([
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'API_ADMIN_TOKEN',
  'PGPASSWORD',
  'REDIS_PASSWORD',
  'REDIS_URL',
  'DATABASE_URL',
  'DATABASE_URL_RO',
  'DATABASE_URL_R',
  'SPORTMONKS_API_TOKEN',
  'SPORTMONKS_TOKEN',
  'SPORTMONKS_API_KEY',
  'TELEGRAM_PROXY_URL',
]);
