import type { Logger } from './logger';
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Options for {@link acquireRuntimeLock}. */
export interface AcquireRuntimeLockOptions {
  logger?: Pick<Logger, 'warn'>;
  /** Defaults to `os.hostname()`. */
  hostname?: string;
  /** Defaults to `process.pid`. */
  pid?: number;
  /** How often the holder touches the lock file to show it is alive (default 10 s). */
  refreshMs?: number;
  /** A lock from another host untouched for this long is stale (default 60 s). */
  foreignStaleAfterMs?: number;
}

/** Defaults of the lock's liveness signal. */
export const LOCK_REFRESH_MS = 10_000;
export const LOCK_FOREIGN_STALE_AFTER_MS = 60_000;

/** A lock we hold. */
export interface HeldRuntimeLock {
  acquired: true;
  path: string;
  /** Removes the lock file if it still holds our pid; safe to call more than once. */
  release(): void;
}

/** Somebody else holds the lock. */
export interface RefusedRuntimeLock {
  acquired: false;
  pid: number;
  host: string;
  path: string;
}

/** What a lock file says about its holder. */
export type RuntimeLockInfo =
  | { exists: false; path: string }
  | {
      exists: true;
      path: string;
      /** Empty or unparsable file: nobody can be identified as its holder. */
      malformed: boolean;
      pid: number | null;
      host: string | null;
      startedAt: string | null;
      /** The holder ran on this host. */
      sameHost: boolean;
      /**
       * Whether the holder is alive. Only checkable on this host; a lock written by another
       * host is conservatively reported alive.
       */
      alive: boolean;
    };

/**
 * The one line a second instance prints before exiting 0.
 */
export function ALREADY_RUNNING_LINE(pid: number, lockPath: string): string {
  return `Приложение уже запущено / already running: pid ${pid}, lock ${lockPath}`;
}

/** True when a process with this pid exists on this host (EPERM still means it exists). */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Reads the lock file and reports its holder and whether that holder is alive (for commands
 * such as `restore` that must not run next to a live process).
 */
export async function readRuntimeLock(
  lockPath: string,
  opts: { hostname?: string; foreignStaleAfterMs?: number; now?: () => number } = {},
): Promise<RuntimeLockInfo> {
  let text: string;
  let touchedAt: number;
  try {
    text = await fs.readFile(lockPath, 'utf8');
    touchedAt = (await fs.stat(lockPath)).mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, path: lockPath };
    throw err;
  }
  const host = opts.hostname ?? os.hostname();
  const parsed = parseLock(text);
  if (!parsed) {
    return {
      exists: true,
      path: lockPath,
      malformed: true,
      pid: null,
      host: null,
      startedAt: null,
      sameHost: false,
      alive: false,
    };
  }
  const sameHost = parsed.host === host;
  // Another host's process cannot be probed; its holder touches the file every few seconds
  // instead, so a lock left by a killed container (new hostname on every Amvera deploy) ages.
  const staleAfter = opts.foreignStaleAfterMs ?? LOCK_FOREIGN_STALE_AFTER_MS;
  const now = opts.now ?? Date.now;
  return {
    exists: true,
    path: lockPath,
    malformed: false,
    ...parsed,
    sameHost,
    alive: sameHost ? isPidAlive(parsed.pid) : now() - touchedAt < staleAfter,
  };
}

/**
 * Takes the single-instance lock at `lockPath`, a JSON file `{pid, host, startedAt}`.
 * The file appears atomically with its content. A lock left by a dead process of this host,
 * or a malformed one, is taken over with one warning; a live holder or a lock from another
 * host means `acquired: false` (print {@link ALREADY_RUNNING_LINE} and exit 0). The lock is
 * released on `release()` or on process exit.
 */
export async function acquireRuntimeLock(
  lockPath: string,
  opts: AcquireRuntimeLockOptions = {},
): Promise<HeldRuntimeLock | RefusedRuntimeLock> {
  const host = opts.hostname ?? os.hostname();
  const pid = opts.pid ?? process.pid;
  await fs.mkdir(path.dirname(lockPath), { recursive: true });
  const content = JSON.stringify({ pid, host, startedAt: new Date().toISOString() });

  // Two rounds: the second follows a takeover of a stale lock.
  for (let round = 0; round < 2; round++) {
    if (await createExclusive(lockPath, content)) {
      return held(lockPath, pid, host, opts.refreshMs ?? LOCK_REFRESH_MS);
    }

    const info = await readRuntimeLock(lockPath, {
      hostname: host,
      foreignStaleAfterMs: opts.foreignStaleAfterMs,
    });
    if (!info.exists) continue;
    // A lock naming our own pid on our host is a leftover from an earlier life of this
    // container (pids restart at 1), not a live second instance.
    const stale = info.malformed || !info.alive || (info.sameHost && info.pid === pid);
    if (!stale || round > 0) {
      return { acquired: false, pid: info.pid ?? 0, host: info.host ?? '', path: lockPath };
    }
    opts.logger?.warn(
      info.malformed
        ? `Runtime lock ${lockPath} is empty or malformed; taking it over`
        : info.sameHost
          ? `Runtime lock ${lockPath} held by dead pid ${info.pid}; taking it over`
          : `Runtime lock ${lockPath} held by pid ${info.pid} on host ${info.host} is no longer refreshed; taking it over`,
      { lock: lockPath, stale_pid: info.pid },
    );
    await fs.rm(lockPath, { force: true });
  }
  const info = await readRuntimeLock(lockPath, { hostname: host });
  return {
    acquired: false,
    pid: info.exists ? (info.pid ?? 0) : 0,
    host: info.exists ? (info.host ?? '') : '',
    path: lockPath,
  };
}

/**
 * Creates the lock file with its content in one step: the content is written to a private
 * temp file which is then hard-linked to the lock path (link fails with EEXIST when the lock
 * exists), so no reader ever sees a half-written lock. File systems without hard links fall
 * back to `open(path, 'wx')`.
 */
async function createExclusive(lockPath: string, content: string): Promise<boolean> {
  const tmp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, content, { flag: 'wx' });
  try {
    await fs.link(tmp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') {
      throw err;
    }
    return createWithOpen(lockPath, content);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

async function createWithOpen(lockPath: string, content: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

function held(lockPath: string, pid: number, host: string, refreshMs: number): HeldRuntimeLock {
  let released = false;
  const refresh = setInterval(() => {
    const now = new Date();
    fs.utimes(lockPath, now, now).catch(() => undefined);
  }, refreshMs);
  refresh.unref();
  const release = (): void => {
    if (released) return;
    released = true;
    clearInterval(refresh);
    process.off('exit', release);
    // Synchronous on purpose: this also runs from the 'exit' event.
    try {
      const current = parseLock(readFileSync(lockPath, 'utf8'));
      if (current && current.pid === pid && current.host === host) unlinkSync(lockPath);
    } catch {
      // Already gone or unreadable: nothing of ours to remove.
    }
  };
  process.on('exit', release);
  return { acquired: true, path: lockPath, release };
}

function parseLock(text: string): { pid: number; host: string; startedAt: string | null } | null {
  try {
    const data = JSON.parse(text) as { pid?: unknown; host?: unknown; startedAt?: unknown };
    if (typeof data !== 'object' || data === null) return null;
    if (typeof data.pid !== 'number' || !Number.isInteger(data.pid) || data.pid <= 0) return null;
    if (typeof data.host !== 'string') return null;
    return {
      pid: data.pid,
      host: data.host,
      startedAt: typeof data.startedAt === 'string' ? data.startedAt : null,
    };
  } catch {
    return null;
  }
}
