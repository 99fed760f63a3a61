import { findModel, type Db } from '@scoreline/db';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { artifactRelativePath } from './artifact-store';

/**
 * A new registry version for a league: the UTC time as `YYYYMMDD-HHMMSS`, with `-2`, `-3`, …
 * appended when that name is taken in the registry table or on disk (two retrains in a second).
 */
export async function nextVersion(db: Db, root: string, league: string, at: Date): Promise<string> {
  const base = at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  for (let i = 1; ; i++) {
    const version = i === 1 ? base : `${base}-${i}`;
    const taken =
      (await findModel(db, league, version)) !== null ||
      existsSync(join(root, artifactRelativePath(league, version)));
    if (!taken) return version;
  }
}
