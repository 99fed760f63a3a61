export {
  AppError,
  ValidationError,
  NotFoundError,
  DependencyUnavailableError,
  ConflictError,
  UnauthorizedError,
  ForbiddenError,
  RateLimitedError,
  DeadlineExceededError,
  isAppError,
  type AppErrorOptions,
  type SubclassOptions,
} from './errors';
export {
  REDACTED,
  redactSecrets,
  redactDeep,
  maskUrl,
  isSecretKey,
  type RedactDeepOptions,
} from './redact';
export { formatLogfmt, formatValue, type LogfmtFields } from './logfmt';
export { normalizeLogLevel, LOG_LEVELS, type WinstonLevel } from './log-level';
export {
  createLogger,
  flushLogger,
  type CreateLoggerOptions,
  type FlushLoggerOptions,
  type Logger,
} from './logger';
export {
  retry,
  retryOptionsFrom,
  backoffDelay,
  type RetryOptions,
  type RetryTiming,
} from './retry';
export {
  acquireRuntimeLock,
  readRuntimeLock,
  isPidAlive,
  ALREADY_RUNNING_LINE,
  type AcquireRuntimeLockOptions,
  type HeldRuntimeLock,
  type RefusedRuntimeLock,
  type RuntimeLockInfo,
} from './runtime-lock';
export { createShutdown, type Shutdown, type ShutdownOptions } from './shutdown';
export {
  createMetricsRegistry,
  startMetricsServer,
  type MetricsRegistryOptions,
  type MetricsServerOptions,
  type RunningServer,
} from './metrics';
export { startTcpHealthServer, type TcpHealthServerOptions } from './health-tcp';
export {
  createRedisHeartbeatStore,
  startHeartbeat,
  heartbeatStatus,
  HEARTBEAT_TTL_SEC,
  HEARTBEAT_STALE_AFTER_MS,
  type HeartbeatStore,
  type HeartbeatOptions,
  type HeartbeatStatus,
} from './heartbeat';
export { probeWritableDir, checkTelegramTokenFormat } from './dry-run';
export { isError } from './is-error';
export { describeError, errorText, type ErrorFields } from './describe-error';
