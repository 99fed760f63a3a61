import type { Db } from '../create-db';
import { toDate, toDbTimestamp, toNumber } from '../values';

/**
 * A retrain's report and calibration chart. Stored in the database (not only as files under
 * REPORTS_DIR) because the api may run in another container than the worker that wrote them.
 */
export interface ModelReport {
  id: number;
  leagueCode: string;
  modelVersion: string;
  createdAt: Date;
  markdown: string;
  png: Buffer;
}

/** What {@link saveReport} records. */
export interface ModelReportInput {
  leagueCode: string;
  modelVersion: string;
  markdown: string;
  png: Uint8Array;
  createdAt?: Date;
}

/**
 * Stores the report of one model version. Saving a version again replaces its report, so a
 * retrain re-run after a crash between the report and the registry row leaves one row.
 */
export async function saveReport(db: Db, input: ModelReportInput): Promise<ModelReport> {
  await db
    .writer('model_reports')
    .insert({
      league_code: input.leagueCode,
      model_version: input.modelVersion,
      created_at: toDbTimestamp(input.createdAt ?? new Date()),
      markdown: input.markdown,
      png: Buffer.from(input.png),
    })
    .onConflict(['league_code', 'model_version'])
    .merge(['created_at', 'markdown', 'png']);
  const row = (await db
    .writer('model_reports')
    .where({ league_code: input.leagueCode, model_version: input.modelVersion })
    .first()) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`report ${input.leagueCode}/${input.modelVersion} not stored`);
  return toReport(row);
}

/** The report of one model version, or null when none was stored. */
export async function findReport(
  db: Db,
  leagueCode: string,
  modelVersion: string,
): Promise<ModelReport | null> {
  // The reader may lag, but never shows a champion without its report: the report row is
  // committed before the model's registry row.
  const row = (await db
    .reader('model_reports')
    .where({ league_code: leagueCode, model_version: modelVersion })
    .first()) as Record<string, unknown> | undefined;
  return row ? toReport(row) : null;
}

/** The league's most recently stored report (whatever the model's status), or null. */
export async function latestReport(db: Db, leagueCode: string): Promise<ModelReport | null> {
  const row = (await db
    .reader('model_reports')
    .where({ league_code: leagueCode })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first()) as Record<string, unknown> | undefined;
  return row ? toReport(row) : null;
}

/**
 * Keeps the league's `keep` newest reports (MODEL_KEEP, by storage order, as artifact pruning
 * counts) and deletes the rest — except the champion's and the previous champion's, which
 * artifact pruning also keeps, so a model that can serve always has its report. Returns the
 * versions whose reports were deleted.
 */
export async function pruneReports(db: Db, leagueCode: string, keep: number): Promise<string[]> {
  const rows = (await db
    .writer('model_reports')
    .select('id', 'model_version')
    .where({ league_code: leagueCode })
    .orderBy('id', 'desc')) as Array<{ id: unknown; model_version: unknown }>;
  // Every model that was ever champion has promoted_at; the newest non-champion among them is
  // the fallback.
  const promoted = (await db
    .writer('models')
    .select('version', 'status')
    .where({ league_code: leagueCode })
    .whereNotNull('promoted_at')
    .orderBy('promoted_at', 'desc')) as Array<{ version: unknown; status: unknown }>;
  const champion = promoted.find((m) => m.status === 'champion');
  const previous = promoted.find((m) => m.status !== 'champion');
  const protectedVersions = new Set(
    [champion, previous].flatMap((m) => (m ? [String(m.version)] : [])),
  );
  const doomed = rows
    .slice(Math.max(1, keep))
    .filter((r) => !protectedVersions.has(String(r.model_version)));
  if (doomed.length === 0) return [];
  await db
    .writer('model_reports')
    .whereIn(
      'id',
      doomed.map((r) => toNumber(r.id)),
    )
    .delete();
  return doomed.map((r) => String(r.model_version));
}

function toReport(r: Record<string, unknown>): ModelReport {
  return {
    id: toNumber(r.id),
    leagueCode: String(r.league_code),
    modelVersion: String(r.model_version),
    createdAt: toDate(r.created_at),
    markdown: String(r.markdown),
    png: Buffer.isBuffer(r.png) ? r.png : Buffer.from(r.png as Uint8Array),
  };
}
