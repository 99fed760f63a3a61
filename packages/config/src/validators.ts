// Value-free validators. envalid's built-in validators echo the raw input in their error
// messages, which would print secrets (tokens, DSN passwords) on a bad configuration. These say
// only what was expected, so a ConfigError can be shown to anyone.
import { CronExpressionParser } from 'cron-parser';
import { EnvError, makeValidator } from 'envalid';

const TRUE_WORDS = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

export const flag = makeValidator<boolean>((input) => {
  const word = input.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new EnvError('expected a boolean (1/0, true/false, yes/no, on/off)');
});

export const tcpPort = makeValidator<number>((input) => {
  const n = Number(input.trim());
  if (!/^\d+$/.test(input.trim()) || n < 1 || n > 65535) {
    throw new EnvError('expected a TCP port number from 1 to 65535');
  }
  return n;
});

/** Port where 0 means "any free port" (useful for tests and the sandbox). */
export const listenPort = makeValidator<number>((input) => {
  const n = Number(input.trim());
  if (!/^\d+$/.test(input.trim()) || n > 65535) {
    throw new EnvError('expected a TCP port number from 0 to 65535');
  }
  return n;
});

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return makeValidator<number>((input) => {
    const n = Number(input.trim());
    if (!/^-?\d+$/.test(input.trim()) || n < min || n > max) {
      throw new EnvError(
        max === Number.MAX_SAFE_INTEGER
          ? `expected a whole number ≥ ${min}`
          : `expected a whole number from ${min} to ${max}`,
      );
    }
    return n;
  });
}

export function decimal(min: number, max = Number.MAX_VALUE) {
  return makeValidator<number>((input) => {
    const n = Number(input.trim());
    if (input.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new EnvError(
        max === Number.MAX_VALUE
          ? `expected a number ≥ ${min}`
          : `expected a number from ${min} to ${max}`,
      );
    }
    return n;
  });
}

export const text = makeValidator<string>((input) => input.trim());

/** A secret: only its presence is validated here; formats are checked where they matter. */
export const secret = makeValidator<string>((input) => {
  if (/\s/.test(input.trim())) throw new EnvError('expected a value without whitespace');
  return input.trim();
});

export const httpUrl = makeValidator<string>((input) => {
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    throw new EnvError('expected an http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EnvError('expected an http(s) URL');
  }
  return input.trim().replace(/\/+$/, '');
});

export const proxyUrl = makeValidator<string>((input) => {
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    throw new EnvError('expected a proxy URL (http://, https://, socks5://)');
  }
  if (!['http:', 'https:', 'socks:', 'socks4:', 'socks5:'].includes(parsed.protocol)) {
    throw new EnvError('expected a proxy URL (http://, https://, socks5://)');
  }
  return input.trim();
});

export const redisUrl = makeValidator<string>((input) => {
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    throw new EnvError('expected a Redis URL like redis://[:password@]host:6379/0');
  }
  if ((parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || !parsed.hostname) {
    throw new EnvError('expected a Redis URL like redis://[:password@]host:6379/0');
  }
  return input.trim();
});

/** Standard 5-field cron (minute hour day-of-month month day-of-week). */
export function isValidCron(expr: string): boolean {
  if (expr.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(expr.trim(), { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

export const cron = makeValidator<string>((input) => {
  if (!isValidCron(input)) {
    throw new EnvError('expected a 5-field cron expression such as "0 3 * * *"');
  }
  return input.trim().replace(/\s+/g, ' ');
});

/** A cron expression, or `off` to disable the schedule (returned as the string 'off'). */
export const cronOrOff = makeValidator<string>((input) => {
  if (input.trim().toLowerCase() === 'off') return 'off';
  if (!isValidCron(input)) {
    throw new EnvError('expected a 5-field cron expression such as "0 3 * * *", or "off"');
  }
  return input.trim().replace(/\s+/g, ' ');
});

export function choice<T extends string>(choices: readonly T[], aliases: Record<string, T> = {}) {
  return makeValidator<T>((input) => {
    const word = input.trim().toLowerCase();
    const hit = choices.find((c) => c.toLowerCase() === word) ?? aliases[word];
    if (hit === undefined) throw new EnvError(`expected one of: ${choices.join(', ')}`);
    return hit;
  });
}

/** Comma-separated whole numbers, e.g. Telegram user ids or SportMonks league ids. */
export const idList = makeValidator<string>((input) => {
  const parts = input
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.some((p) => !/^-?\d+$/.test(p))) {
    throw new EnvError('expected comma-separated whole numbers, e.g. "8,564"');
  }
  return parts.join(',');
});

/** Comma-separated football-data.co.uk division codes, e.g. "E0,SP1,D1". */
export const leagueCodeList = makeValidator<string>((input) => {
  const parts = input
    .split(/[,\s]+/)
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^[A-Z]{1,4}\d?$/.test(p))) {
    throw new EnvError('expected comma-separated division codes, e.g. "E0,SP1,D1"');
  }
  return parts.join(',');
});
