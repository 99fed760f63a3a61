import {
  ArtifactError,
  createProductionModel,
  fromArtifact,
  type ModelArtifact,
} from '@scoreline/model';
import { createHash } from 'node:crypto';

/** A team the model rates: its canonical name (the model's key) and database id when known. */
export interface ArtifactTeam {
  name: string;
  id: number | null;
}

/** The matches a model was fitted on: ISO dates, inclusive. */
export interface DataWindow {
  from: string | null;
  to: string;
  matches: number;
}

/**
 * What the registry stores in `MODEL_REGISTRY_PATH/<league>/<version>.json`: the model's own
 * versioned document (`schema`, league, version, createdAt, fitted state) plus what an operator
 * needs without running code — model kind, its settings, the teams with their ids, the data
 * window and the evaluation metrics. The extra fields are optional on read, so an artifact
 * produced by the model package alone can still be imported.
 */
export interface ArtifactDocument extends ModelArtifact {
  kind: string;
  /** Candidate name within the kind (e.g. `production`, `production-short-memory`). */
  candidate?: string;
  /** Effective model settings, defaults resolved. */
  parameters?: Record<string, number | string | boolean>;
  teams?: ArtifactTeam[];
  dataWindow?: DataWindow;
  metrics?: Record<string, unknown>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** sha256 of the exact bytes on disk, lowercase hex (what the registry records). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Serialises a document the way the registry writes it (stable, readable, newline-terminated). */
export function serialiseArtifact(doc: ArtifactDocument): string {
  return `${JSON.stringify(doc, null, 1)}\n`;
}

/**
 * Validates a parsed document: the model's own checks (schema tag, rating vectors), the
 * registry's extra fields when present, and a trial prediction for every rated team, so a file
 * that parses but cannot serve is rejected before it can become champion. Throws
 * {@link ArtifactError}.
 */
export function validateArtifactDocument(doc: unknown): ArtifactDocument {
  const art = fromArtifact(doc) as ArtifactDocument;
  const raw = doc as Record<string, unknown>;
  if (raw.kind !== undefined && raw.kind !== art.state.kind) {
    throw new ArtifactError(`kind ${JSON.stringify(raw.kind)} does not match its state`);
  }
  if (raw.teams !== undefined) {
    if (
      !Array.isArray(raw.teams) ||
      !raw.teams.every(
        (t: unknown) =>
          typeof t === 'object' &&
          t !== null &&
          typeof (t as ArtifactTeam).name === 'string' &&
          ((t as ArtifactTeam).id === null || Number.isInteger((t as ArtifactTeam).id)),
      )
    )
      throw new ArtifactError('teams must be a list of { name, id }');
  }
  if (raw.dataWindow !== undefined) {
    const w = (
      typeof raw.dataWindow === 'object' ? raw.dataWindow : null
    ) as Partial<DataWindow> | null;
    if (
      !w ||
      typeof w.to !== 'string' ||
      !ISO_DATE.test(w.to) ||
      (w.from !== null && (typeof w.from !== 'string' || !ISO_DATE.test(w.from))) ||
      !Number.isInteger(w.matches)
    )
      throw new ArtifactError('dataWindow must be { from, to, matches } with ISO dates');
  }
  const teams = art.state.dixonColes.teams;
  if (teams.length < 2) throw new ArtifactError('fewer than two teams rated');
  const model = createProductionModel();
  try {
    for (let i = 0; i < teams.length; i++) {
      const { probs } = model.predictProbs(art.state, teams[i]!, teams[(i + 1) % teams.length]!);
      const sum = probs[0] + probs[1] + probs[2];
      if (!probs.every((p) => Number.isFinite(p) && p >= 0) || Math.abs(sum - 1) > 1e-6) {
        throw new ArtifactError(`prediction for ${teams[i]} is not a probability distribution`);
      }
    }
  } catch (err) {
    if (err instanceof ArtifactError) throw err;
    throw new ArtifactError(`trial prediction failed: ${(err as Error).message}`);
  }
  return { ...art, kind: art.state.kind };
}

/** The teams of a document: its own list, else the rated names without ids. */
export function artifactTeams(doc: ArtifactDocument): ArtifactTeam[] {
  return doc.teams ?? doc.state.dixonColes.teams.map((name) => ({ name, id: null }));
}

/** The data window of a document: its own, else the day before the fit's "as of" date. */
export function artifactWindow(doc: ArtifactDocument): DataWindow {
  if (doc.dataWindow) return doc.dataWindow;
  const asOf = new Date(`${doc.state.asOf}T00:00:00Z`);
  asOf.setUTCDate(asOf.getUTCDate() - 1);
  return { from: null, to: asOf.toISOString().slice(0, 10), matches: 0 };
}
