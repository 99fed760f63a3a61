import type { ProductionState } from './production';

/** Schema tag of a serialised model; bump when the state's shape changes incompatibly. */
export const ARTIFACT_SCHEMA = 'scoreline.model/1';

/** A fitted production model as a versioned, self-describing plain-JSON document. */
export interface ModelArtifact {
  schema: typeof ARTIFACT_SCHEMA;
  /** League code (football-data division, e.g. E0) or SportMonks id. */
  league: string;
  /** Registry version label, chosen by the caller (e.g. a timestamp). */
  version: string;
  /** ISO date-time of creation, supplied by the caller (the model has no clock). */
  createdAt: string;
  state: ProductionState;
}

/** Thrown when a document is not a valid {@link ModelArtifact}. */
export class ArtifactError extends Error {
  constructor(message: string) {
    super(`Invalid model artifact: ${message}`);
    this.name = 'ArtifactError';
  }
}

/** Wraps a fitted state with its metadata. Pure: file I/O and hashing live in db/worker. */
export function toArtifact(
  state: ProductionState,
  meta: { league: string; version: string; createdAt: string },
): ModelArtifact {
  return { schema: ARTIFACT_SCHEMA, ...meta, state };
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumArray = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * Validates a parsed JSON document as a {@link ModelArtifact}: schema tag, metadata and the
 * parts of the state that prediction reads (team lists and rating vectors of equal length,
 * finite numbers, blend weights). Throws {@link ArtifactError} on the first problem found.
 */
export function fromArtifact(doc: unknown): ModelArtifact {
  if (!isObj(doc)) throw new ArtifactError('not an object');
  if (doc.schema !== ARTIFACT_SCHEMA) throw new ArtifactError(`schema ${String(doc.schema)}`);
  for (const k of ['league', 'version', 'createdAt'] as const) {
    if (typeof doc[k] !== 'string') throw new ArtifactError(`${k} missing`);
  }
  const st = doc.state;
  if (!isObj(st) || st.kind !== 'production')
    throw new ArtifactError('state is not a production state');
  for (const part of ['dixonColes', 'shots'] as const) {
    const p = st[part];
    if (!isObj(p) || !Array.isArray(p.teams)) throw new ArtifactError(`${part} missing`);
    const n = p.teams.length;
    if (
      !isNumArray(p.attack) ||
      !isNumArray(p.defence) ||
      p.attack.length !== n ||
      p.defence.length !== n
    ) {
      throw new ArtifactError(`${part} ratings do not match its teams`);
    }
    for (const k of ['intercept', 'homeAdvantage', 'rho'] as const) {
      if (typeof p[k] !== 'number' || !Number.isFinite(p[k]))
        throw new ArtifactError(`${part}.${k}`);
    }
  }
  const elo = st.elo;
  if (!isObj(elo) || !isObj(elo.ratings) || !isObj(elo.link))
    throw new ArtifactError('elo missing');
  if (!isNumArray(st.weights)) throw new ArtifactError('weights missing');
  return doc as unknown as ModelArtifact;
}
