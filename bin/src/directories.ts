import type { Config } from '@scoreline/config';
import { probeWritableDir } from '@scoreline/ops';
import { dirname } from 'node:path';

/**
 * Creates and write-probes every data directory. A DATA_DIR that cannot be created is reported
 * once, instead of once per path derived from it.
 */
export async function prepareDirectories(config: Config): Promise<string[]> {
  const { paths } = config;
  const dirs = [paths.logDir, paths.reportsDir, paths.modelRegistryPath, paths.backupDir];
  if (config.db.client === 'sqlite') dirs.push(dirname(config.db.path));
  if (config.role === 'tgbot' || config.role === 'all') dirs.push(dirname(paths.runtimeLockPath));

  const underDataDir = (dir: string) =>
    dir === paths.dataDir || dir.startsWith(`${paths.dataDir}/`);
  if (dirs.some(underDataDir)) {
    const problem = await probeWritableDir(paths.dataDir);
    if (problem) return [problem];
  }
  const problems: string[] = [];
  for (const dir of new Set(dirs)) {
    const problem = await probeWritableDir(dir);
    if (problem) problems.push(problem);
  }
  return problems;
}
