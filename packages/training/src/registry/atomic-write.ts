import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Points inside {@link writeFileAtomic} where a crash can happen; reported for crash tests. */
export type AtomicWriteStage = 'temp-opened' | 'chunk-written' | 'temp-synced' | 'renamed';

export interface AtomicWriteOptions {
  /**
   * Called at each stage. A returned promise is awaited, so a crash test can hold the writer at
   * a stage and kill it there; production callers leave it out.
   */
  onStage?: (stage: AtomicWriteStage) => void | Promise<void>;
  /** Bytes per write call (default 64 KiB); small values let a test kill a write halfway. */
  chunkSize?: number;
}

const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/** Name of the temporary sibling of `target`: hidden, with the writer's pid (see removeStaleTemps). */
function tempPath(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/**
 * Writes `data` to `target` so that a reader sees either the old file or the complete new one,
 * whatever moment the writer dies at: the bytes go to a temporary file in the same directory,
 * which is fsynced, then renamed over the target (atomic on POSIX), then the directory is
 * fsynced so the rename itself survives a power cut.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const chunk = opts.chunkSize ?? 65536;
  const temp = tempPath(target);
  const fd = openSync(temp, 'wx', 0o644);
  let renamed = false;
  try {
    await opts.onStage?.('temp-opened');
    for (let off = 0; off < bytes.length; off += chunk) {
      const end = Math.min(bytes.length, off + chunk);
      let written = off;
      while (written < end) written += writeSync(fd, bytes, written, end - written);
      await opts.onStage?.('chunk-written');
    }
    fsyncSync(fd);
    closeSync(fd);
    await opts.onStage?.('temp-synced');
    renameSync(temp, target);
    renamed = true;
    syncDirectory(dirname(target));
    await opts.onStage?.('renamed');
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    if (!renamed) rmSync(temp, { force: true });
    throw err;
  }
}

/** fsync of a directory, so a rename in it is durable; not supported everywhere (Windows). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the data itself was fsynced before the rename.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes temporary files left in `dir` by writers that died before their rename. A temp file
 * whose writer is still running (another retrain in progress) is left alone. Returns the names
 * removed.
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || isAlive(Number(m[2]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
