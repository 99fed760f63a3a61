import { ArtifactError } from '@scoreline/model';
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  serialiseArtifact,
  sha256Hex,
  validateArtifactDocument,
  type ArtifactDocument,
} from './artifact-document';
import { removeStaleTemps, writeFileAtomic, type AtomicWriteOptions } from './atomic-write';

/** Why a stored artifact cannot be used. */
export class ArtifactUnusableError extends Error {
  override readonly name = 'ArtifactUnusableError';
  constructor(
    readonly path: string,
    readonly reason: 'missing' | 'sha256 mismatch' | 'invalid',
    detail?: string,
  ) {
    super(`artifact ${path}: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Rejects names that could escape the registry directory or break a file name. */
export function assertSafeName(what: string, value: string): string {
  if (!SAFE.test(value) || value.includes('..')) {
    throw new RangeError(`${what} "${value}" must be letters, digits, '.', '_' or '-'`);
  }
  return value;
}

/**
 * Registry path of an artifact, relative to MODEL_REGISTRY_PATH: `<league>/<version>.json`.
 * The registry table stores this relative form, so moving the data directory keeps it valid.
 */
export function artifactRelativePath(league: string, version: string): string {
  return `${assertSafeName('league', league)}/${assertSafeName('version', version)}.json`;
}

/** Absolute path of a stored artifact path (relative to the registry root, or absolute). */
export function resolveArtifactPath(root: string, stored: string): string {
  return isAbsolute(stored) ? stored : join(root, stored);
}

/**
 * Writes a document atomically under the registry root and returns its relative path and the
 * sha256 of the bytes written. Temp files of writers that died earlier are swept first.
 */
export async function saveArtifact(
  root: string,
  doc: ArtifactDocument,
  opts: AtomicWriteOptions = {},
): Promise<{ path: string; absolutePath: string; sha256: string; bytes: number }> {
  const path = artifactRelativePath(doc.league, doc.version);
  const absolutePath = join(root, path);
  const dir = join(root, doc.league);
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const text = serialiseArtifact(doc);
  await writeFileAtomic(absolutePath, text, opts);
  return { path, absolutePath, sha256: sha256Hex(text), bytes: Buffer.byteLength(text) };
}

/**
 * Reads an artifact and checks it: the file exists, its sha256 equals the registry's, and it is
 * a valid document. Throws {@link ArtifactUnusableError} naming the reason.
 */
export function readArtifact(absolutePath: string, expectedSha256: string): ArtifactDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ArtifactUnusableError(absolutePath, 'missing', code);
  }
  if (sha256Hex(bytes) !== expectedSha256.toLowerCase()) {
    throw new ArtifactUnusableError(absolutePath, 'sha256 mismatch');
  }
  try {
    return validateArtifactDocument(JSON.parse(bytes.toString('utf8')));
  } catch (err) {
    const detail = err instanceof ArtifactError || err instanceof SyntaxError ? err.message : '';
    throw new ArtifactUnusableError(absolutePath, 'invalid', detail || String(err));
  }
}
