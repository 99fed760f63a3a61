import { getChampion, listModels, type Db, type ModelRecord } from '@scoreline/db';
import type { ArtifactDocument } from './artifact-document';
import { ArtifactUnusableError, readArtifact, resolveArtifactPath } from './artifact-store';

/** A registry model with its verified artifact. */
export interface LoadedModel {
  record: ModelRecord;
  artifact: ArtifactDocument;
  /** Set when the champion's artifact was unusable and this is an earlier champion instead. */
  fallbackFrom?: { record: ModelRecord; reason: string };
}

/** Reads and verifies one registry model's artifact (see readArtifact). */
export function loadModel(root: string, record: ModelRecord): LoadedModel {
  return {
    record,
    artifact: readArtifact(resolveArtifactPath(root, record.artifactPath), record.sha256),
  };
}

/**
 * The model that serves a league: its champion, verified against the registry's sha256. When
 * that artifact is missing or corrupt, the most recent earlier champion whose artifact is intact
 * serves instead, and `warn` is called exactly once saying so (the registry is not changed: a
 * read path must not rewrite history, and the next retrain replaces the champion). Null when the
 * league has no champion, or no usable one (also with one warning).
 */
export async function loadChampion(
  db: Db,
  root: string,
  league: string,
  warn: (line: string) => void = () => undefined,
): Promise<LoadedModel | null> {
  const champion = await getChampion(db, league);
  if (!champion) return null;
  try {
    return loadModel(root, champion);
  } catch (err) {
    if (!(err instanceof ArtifactUnusableError)) throw err;
    const reason = err.reason;
    const earlier = (await listModels(db, league))
      .filter((m) => m.id !== champion.id && m.promotedAt !== null)
      .sort((a, b) => b.promotedAt!.getTime() - a.promotedAt!.getTime() || b.id - a.id);
    for (const record of earlier) {
      try {
        const loaded = loadModel(root, record);
        warn(
          `model ${league} ${champion.version}: artifact ${reason}; serving the previous champion ${record.version}`,
        );
        return { ...loaded, fallbackFrom: { record: champion, reason } };
      } catch (inner) {
        if (!(inner instanceof ArtifactUnusableError)) throw inner;
      }
    }
    warn(
      `model ${league} ${champion.version}: artifact ${reason}, and no earlier champion is usable`,
    );
    return null;
  }
}
