// LOG_LEVEL accepts winston's names and the Python names operators used before
// (INFO, WARNING, CRITICAL), in any case, and maps them to winston's npm levels.
import { EnvError, makeValidator } from 'envalid';

export type LogLevel = 'error' | 'warn' | 'info' | 'http' | 'verbose' | 'debug' | 'silly';

const LEVELS: Record<string, LogLevel> = {
  critical: 'error',
  fatal: 'error',
  error: 'error',
  warning: 'warn',
  warn: 'warn',
  info: 'info',
  http: 'http',
  verbose: 'verbose',
  debug: 'debug',
  trace: 'silly',
  silly: 'silly',
  notset: 'silly',
};

export const LOG_LEVEL_NAMES = Object.keys(LEVELS).map((k) => k.toUpperCase());

export const logLevel = makeValidator<LogLevel>((input) => {
  const level = LEVELS[input.trim().toLowerCase()];
  if (!level) throw new EnvError(`expected one of: ${LOG_LEVEL_NAMES.join(', ')}`);
  return level;
});
