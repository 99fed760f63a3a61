// DATA_DIR is the root of every default path. On Amvera it is the /data persistence mount; on
// a laptop /data usually does not exist, so an unset DATA_DIR falls back to .data/ in the
// repository and the startup log says so. Explicitly set paths never fall back.
import { accessSync, constants, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_DATA_DIR = '/data';

/** The repository root (packages/config/{src,dist} → ../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export interface PathSettings {
  dataDir: string;
  /** How dataDir was chosen: set explicitly, the /data default, or the .data/ fallback. */
  dataDirSource: 'env' | 'default' | 'fallback';
  dbPath: string;
  modelRegistryPath: string;
  reportsDir: string;
  logDir: string;
  backupDir: string;
  runtimeLockPath: string;
}

export function isWritableDir(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function resolvePaths(
  env: {
    DATA_DIR?: string;
    DB_PATH?: string;
    MODEL_REGISTRY_PATH?: string;
    REPORTS_DIR?: string;
    LOG_DIR?: string;
    BACKUP_DIR?: string;
    RUNTIME_LOCK_PATH?: string;
  },
  dataDirUsable: (path: string) => boolean = isWritableDir,
): PathSettings {
  let dataDir: string;
  let dataDirSource: PathSettings['dataDirSource'];
  if (env.DATA_DIR) {
    dataDir = resolve(env.DATA_DIR);
    dataDirSource = 'env';
  } else if (dataDirUsable(DEFAULT_DATA_DIR)) {
    dataDir = DEFAULT_DATA_DIR;
    dataDirSource = 'default';
  } else {
    dataDir = join(REPO_ROOT, '.data');
    dataDirSource = 'fallback';
  }
  const pick = (explicit: string | undefined, fallback: string) =>
    explicit ? resolve(explicit) : join(dataDir, fallback);
  return {
    dataDir,
    dataDirSource,
    dbPath: pick(env.DB_PATH, 'bot.sqlite3'),
    modelRegistryPath: pick(env.MODEL_REGISTRY_PATH, 'artifacts'),
    reportsDir: pick(env.REPORTS_DIR, 'reports'),
    logDir: pick(env.LOG_DIR, 'logs'),
    backupDir: pick(env.BACKUP_DIR, 'backups'),
    runtimeLockPath: pick(env.RUNTIME_LOCK_PATH, 'runtime.lock'),
  };
}
