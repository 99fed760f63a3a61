/** winston's npm levels, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type WinstonLevel = (typeof LOG_LEVELS)[number];

// The seed was Python: its level names keep working (configuration validates them upstream,
// this only maps them so a raw value can never crash the logger).
const ALIASES: Record<string, WinstonLevel> = {
  warning: 'warn',
  critical: 'error',
  fatal: 'error',
  notset: 'silly',
  trace: 'silly',
};

/**
 * Maps a level name (case-insensitive, Python names accepted) to a winston npm level;
 * unknown names fall back to `info`.
 */
export function normalizeLogLevel(level: string): WinstonLevel {
  const key = level.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(key)) return key as WinstonLevel;
  return ALIASES[key] ?? 'info';
}
