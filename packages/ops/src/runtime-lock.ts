import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Minimal logger shape used by the runtime lock. */
export interface LockLogger {
  warn(msg: string, meta?: object): unknown;
}

/** Options for {@link acquireRuntimeLock}. */
export interface AcquireRuntimeLockOptions {
  logger?: LockLogger;
  /** Defaults to `os.hostname()`. */
  hostname?: string;
  /** Defaults to `process.pid`. */
  pid?: number;
  /**
   * Treat a lock written by another host as stale. Off by default (the host's process cannot
   * be checked from here); worth turning on where the lock lives on a volume that only one
   * container mounts at a time but whose hostname changes on every deploy, since a lock
   * left by a killed container would otherwise block every later start.
   */
  takeOverForeignHost?: boolean;
}

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
  opts: { hostname?: string } = {},
): Promise<RuntimeLockInfo> {
  let text: string;
  try {
    text = await fs.readFile(lockPath, 'utf8');
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
  return {
    exists: true,
    path: lockPath,
    malformed: false,
    ...parsed,
    sameHost,
    alive: sameHost ? isPidAlive(parsed.pid) : true,
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
    if (await createExclusive(lockPath, content)) return held(lockPath, pid, host);

    const info = await readRuntimeLock(lockPath, { hostname: host });
    if (!info.exists) continue;
    // A lock naming our own pid on our host is a leftover from an earlier life of this
    // container (pids restart at 1), not a live second instance.
    const stale =
      info.malformed ||
      (info.sameHost && (!info.alive || info.pid === pid)) ||
      (!info.sameHost && opts.takeOverForeignHost === true);
    if (!stale || round > 0) {
      return { acquired: false, pid: info.pid ?? 0, host: info.host ?? '', path: lockPath };
    }
    opts.logger?.warn(
      info.malformed
        ? `Runtime lock ${lockPath} is empty or malformed; taking it over`
        : info.sameHost
          ? `Runtime lock ${lockPath} held by dead pid ${info.pid}; taking it over`
          : `Runtime lock ${lockPath} held by pid ${info.pid} on host ${info.host}; taking it over`,
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

function held(lockPath: string, pid: number, host: string): HeldRuntimeLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
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
