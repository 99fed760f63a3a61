// The sandbox's configuration, built here rather than read from the shell: it is always SQLite
// and the in-process queue in its own data directory, whatever DATABASE_URL, REDIS_URL or
// TELEGRAM_BOT_TOKEN the user has exported for real runs.
import { loadConfig, type Config } from '@scoreline/config';

/**
 * Obviously fake, and deliberately not shaped like a real token (8–10 digits, a colon, 35
 * characters), so no secret scanner or log redactor can take it for one. Only the local emulator
 * ever sees it.
 */
export const SANDBOX_TOKEN = '1234567:SANDBOX-only-fake-token-not-secret0';

export interface SandboxSettings {
  dataDir: string;
  /** The emulator's Bot API root. */
  telegramApiRoot: string;
  /** 0: any free port. */
  port: number;
  lang: 'ru' | 'en';
}

export function sandboxEnv(s: SandboxSettings): Record<string, string> {
  return {
    ROLE: 'all',
    DATA_DIR: s.dataDir,
    TELEGRAM_BOT_TOKEN: SANDBOX_TOKEN,
    TELEGRAM_API_ROOT: s.telegramApiRoot,
    PORT: String(s.port),
    DEFAULT_LOCALE: s.lang,
    ENABLE_POLLING: '1',
    STARTUP_DELAY_SEC: '0',
    // No schedules: sync would call SportMonks (no network here) and retrain already ran.
    ENABLE_SCHEDULER: '0',
    // The sandbox bootstraps in the foreground before the roles start (main.ts), from a reusable
    // copy; the worker must not start a second one behind the chat.
    BOOTSTRAP: '0',
    ENABLE_METRICS: '1',
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT: '5',
  };
}

export function loadSandboxConfig(s: SandboxSettings): Config {
  const config = loadConfig(sandboxEnv(s));
  if (config.db.client !== 'sqlite' || config.redis) {
    throw new Error('the sandbox runs on SQLite and the in-process queue only');
  }
  return config;
}
