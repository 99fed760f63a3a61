import { listModels, setModelStatus, type Db } from '@scoreline/db';
import { existsSync, rmSync } from 'node:fs';
import { resolveArtifactPath } from './artifact-store';

/**
 * Keeps the newest `keep` artifacts of a league (MODEL_KEEP) and deletes older files. The
 * champion and the most recent earlier champion (the fallback) are always kept, whatever their
 * age. Registry rows stay as history; a pruned challenger is marked retired, since it can no
 * longer be promoted. Returns the versions whose files were deleted.
 */
export async function pruneArtifacts(
  db: Db,
  root: string,
  league: string,
  keep: number,
): Promise<string[]> {
  // Registration order, newest first: an imported artifact counts as new whatever its age.
  const models = (await listModels(db, league)).sort((a, b) => b.id - a.id);
  const champion = models.find((m) => m.status === 'champion');
  const fallback = models
    .filter((m) => m.status !== 'champion' && m.promotedAt !== null)
    .sort((a, b) => b.promotedAt!.getTime() - a.promotedAt!.getTime())[0];
  const kept = new Set<number>(models.slice(0, Math.max(1, keep)).map((m) => m.id));
  if (champion) kept.add(champion.id);
  if (fallback) kept.add(fallback.id);
  const removed: string[] = [];
  for (const m of models) {
    if (kept.has(m.id)) continue;
    const path = resolveArtifactPath(root, m.artifactPath);
    if (existsSync(path)) {
      rmSync(path, { force: true });
      removed.push(m.version);
    }
    if (m.status === 'challenger') await setModelStatus(db, m.id, 'retired');
  }
  return removed;
}
