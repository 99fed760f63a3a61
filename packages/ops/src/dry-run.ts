import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Proves a directory is usable: creates it (`mkdir -p`), writes, fsyncs and removes a probe
 * file. Returns null on success, else one line naming the path and the OS reason.
 */
export async function probeWritableDir(dir: string): Promise<string | null> {
  const probe = path.join(dir, `.write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.mkdir(dir, { recursive: true });
    const handle = await fs.open(probe, 'wx');
    try {
      await handle.writeFile('probe\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.unlink(probe);
    return null;
  } catch (err) {
    await fs.rm(probe, { force: true }).catch(() => undefined);
    return `Directory ${dir} is not writable: ${osReason(err)}`;
  }
}

/** `ENOTDIR (not a directory)` from a Node fs error, without the repeated path. */
function osReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const match = /^[A-Z0-9_]+: ([^,]+)/.exec(e?.message ?? '');
  if (e?.code && match) return `${e.code} (${match[1]})`;
  return e?.code ?? String(e?.message ?? err);
}

const TOKEN_FORMAT = /^\d{5,12}:[A-Za-z0-9_-]{30,}$/;

/**
 * Checks only the shape of a Telegram bot token (`<digits>:<secret>`, no network call).
 * Returns null when well-formed, else a message that never contains the token.
 */
export function checkTelegramTokenFormat(token: string): string | null {
  if (token === '') return 'TELEGRAM_BOT_TOKEN is empty';
  if (token.trim() !== token) {
    return 'TELEGRAM_BOT_TOKEN has leading or trailing whitespace';
  }
  if (TOKEN_FORMAT.test(token)) return null;
  return `TELEGRAM_BOT_TOKEN is malformed (expected <5-12 digits>:<30+ characters of A-Z a-z 0-9 _ ->, got ${token.length} characters)`;
}
