import { findModel, getChampion, registerModel, type Db, type ModelRecord } from '@scoreline/db';
import { ArtifactError } from '@scoreline/model';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import {
  artifactWindow,
  sha256Hex,
  validateArtifactDocument,
  type ArtifactDocument,
} from './artifact-document';
import { artifactRelativePath, assertSafeName, saveArtifact } from './artifact-store';
import { pruneArtifacts } from './prune';

/** A file that cannot be imported, with the reason (bad JSON, wrong league, taken version …). */
export class ImportRejectedError extends Error {
  override readonly name = 'ImportRejectedError';
}

export interface ImportOptions {
  /** League code the artifact must belong to (`--league`). */
  league: string;
  /** Make it champion even when the league already has one. */
  promote?: boolean;
  /** MODEL_KEEP. */
  keep: number;
  now?: Date;
}

export interface ImportResult {
  record: ModelRecord;
  artifact: ArtifactDocument;
  /** False when the file already sat at its registry path (placed by hand) and was not copied. */
  copied: boolean;
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Registers an artifact placed by hand (seed §3 step 4: uploaded to /data/artifacts). The file
 * is validated first — JSON, schema, ratings, a trial prediction for every team, its league —
 * and only then copied (atomically) to `<registry>/<league>/<version>.json`, unless it already
 * is that file, and recorded with its sha256. It becomes champion when the league has none or
 * when `promote` is set; otherwise it waits as a challenger.
 */
export async function importArtifact(
  db: Db,
  root: string,
  file: string,
  opts: ImportOptions,
): Promise<ImportResult> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new ImportRejectedError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let doc: ArtifactDocument;
  try {
    doc = validateArtifactDocument(JSON.parse(bytes.toString('utf8')));
  } catch (err) {
    if (err instanceof SyntaxError) throw new ImportRejectedError(`${file} is not JSON`);
    if (err instanceof ArtifactError) throw new ImportRejectedError(`${file}: ${err.message}`);
    throw err;
  }
  if (doc.league !== opts.league) {
    throw new ImportRejectedError(`${file} is a model of league ${doc.league}, not ${opts.league}`);
  }
  try {
    assertSafeName('version', doc.version);
  } catch (err) {
    throw new ImportRejectedError((err as Error).message);
  }
  if (await findModel(db, opts.league, doc.version)) {
    throw new ImportRejectedError(`version ${doc.version} of ${opts.league} is already registered`);
  }
  const relative = artifactRelativePath(opts.league, doc.version);
  const target = join(root, relative);
  let sha256 = sha256Hex(bytes);
  const copied = !samePath(file, target);
  if (copied) {
    if (existsSync(target)) {
      throw new ImportRejectedError(`${target} exists and is another file`);
    }
    // Re-serialised from the validated document: the registry's copy is its own canonical form.
    ({ sha256 } = await saveArtifact(root, doc));
  }
  const window = artifactWindow(doc);
  const promote = opts.promote === true || (await getChampion(db, opts.league)) === null;
  const record = await registerModel(db, {
    leagueCode: opts.league,
    kind: doc.kind,
    version: doc.version,
    trainedAt: Number.isNaN(Date.parse(doc.createdAt))
      ? (opts.now ?? new Date())
      : new Date(doc.createdAt),
    dataFrom: window.from,
    dataTo: window.to,
    metrics: { ...(doc.metrics ?? {}), imported: { from: file } },
    artifactPath: relative,
    sha256,
    status: promote ? 'champion' : 'challenger',
  });
  await pruneArtifacts(db, root, opts.league, opts.keep);
  return { record, artifact: doc, copied };
}
