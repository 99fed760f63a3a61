import type { Knex } from 'knex';
import type { Db } from '../create-db';
import {
  assertIsoDate,
  insertedId,
  parseJson,
  toDate,
  toDateOrNull,
  toDbTimestamp,
  toNumber,
  toStringOrNull,
} from '../values';
import { writeTransaction } from '../write-transaction';

/** Registry status: the champion serves predictions; challengers wait; retired are history. */
export type ModelStatus = 'champion' | 'challenger' | 'retired';

/** One trained model artifact in the registry. */
export interface ModelRecord {
  id: number;
  leagueCode: string;
  kind: string;
  version: string;
  trainedAt: Date;
  /** First match date of the training window, 'YYYY-MM-DD'. */
  dataFrom: string | null;
  /** Last match date of the training window, 'YYYY-MM-DD'. */
  dataTo: string | null;
  metrics: Record<string, unknown>;
  artifactPath: string;
  sha256: string;
  status: ModelStatus;
  /** When it last became champion; ordering these finds the previous champion. */
  promotedAt: Date | null;
}

/** What {@link registerModel} records. */
export interface ModelInput {
  leagueCode: string;
  kind: string;
  version: string;
  trainedAt: Date;
  dataFrom?: string | null;
  dataTo?: string | null;
  metrics: Record<string, unknown>;
  artifactPath: string;
  sha256: string;
  /** Default `challenger`; `champion` promotes it atomically. */
  status?: ModelStatus;
}

/** Records a model; registering as champion demotes the current one in the same transaction. */
export async function registerModel(db: Db, input: ModelInput): Promise<ModelRecord> {
  if (input.dataFrom) assertIsoDate(input.dataFrom, 'dataFrom');
  if (input.dataTo) assertIsoDate(input.dataTo, 'dataTo');
  return writeTransaction(db, async ({ writer: trx }) => {
    const rows: unknown[] = await trx('models')
      .insert({
        league_code: input.leagueCode,
        kind: input.kind,
        version: input.version,
        trained_at: toDbTimestamp(input.trainedAt),
        data_from: input.dataFrom ?? null,
        data_to: input.dataTo ?? null,
        metrics: JSON.stringify(input.metrics),
        artifact_path: input.artifactPath,
        sha256: input.sha256,
        status: 'challenger',
      })
      .returning('id');
    const id = insertedId(rows);
    if (input.status === 'champion') await promoteIn(trx, id, new Date());
    else if (input.status === 'retired')
      await trx('models').where({ id }).update({ status: 'retired' });
    return getIn(trx, id);
  });
}

/**
 * Sets a model's status. `champion` retires the league's current champion in the same
 * transaction (a partial unique index also guarantees at most one champion per league).
 */
export async function setModelStatus(
  db: Db,
  id: number,
  status: ModelStatus,
  at: Date = new Date(),
): Promise<ModelRecord> {
  return writeTransaction(db, async ({ writer: trx }) => {
    if (status === 'champion') await promoteIn(trx, id, at);
    else {
      const n = await trx('models').where({ id }).update({ status });
      if (n === 0) throw new Error(`model ${id} not found`);
    }
    return getIn(trx, id);
  });
}

/** The league's champion, or null when none was promoted yet. */
export async function getChampion(db: Db, leagueCode: string): Promise<ModelRecord | null> {
  const row = (await db
    .reader('models')
    .where({ league_code: leagueCode, status: 'champion' })
    .first()) as Record<string, unknown> | undefined;
  return row ? toModel(row) : null;
}

/** The model with this league and version. */
export async function findModel(
  db: Db,
  leagueCode: string,
  version: string,
): Promise<ModelRecord | null> {
  const row = (await db.writer('models').where({ league_code: leagueCode, version }).first()) as
    Record<string, unknown> | undefined;
  return row ? toModel(row) : null;
}

/** Registered models, newest first, optionally of one league. */
export async function listModels(db: Db, leagueCode?: string): Promise<ModelRecord[]> {
  const q = db.reader('models').orderBy([
    { column: 'trained_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ]);
  if (leagueCode) void q.where({ league_code: leagueCode });
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map(toModel);
}

async function promoteIn(trx: Knex, id: number, at: Date): Promise<void> {
  const model = (await trx('models').where({ id }).first()) as { league_code: string } | undefined;
  if (!model) throw new Error(`model ${id} not found`);
  // Demote first: the partial unique index would reject two champions even inside the transaction.
  await trx('models')
    .where({ league_code: model.league_code, status: 'champion' })
    .whereNot({ id })
    .update({ status: 'retired' });
  await trx('models')
    .where({ id })
    .update({ status: 'champion', promoted_at: toDbTimestamp(at) });
}

async function getIn(trx: Knex, id: number): Promise<ModelRecord> {
  const row = (await trx('models').where({ id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`model ${id} not found`);
  return toModel(row);
}

function toModel(r: Record<string, unknown>): ModelRecord {
  return {
    id: toNumber(r.id),
    leagueCode: String(r.league_code),
    kind: String(r.kind),
    version: String(r.version),
    trainedAt: toDate(r.trained_at),
    dataFrom: toStringOrNull(r.data_from),
    dataTo: toStringOrNull(r.data_to),
    metrics: parseJson<Record<string, unknown>>(r.metrics),
    artifactPath: String(r.artifact_path),
    sha256: String(r.sha256),
    status: r.status as ModelStatus,
    promotedAt: toDateOrNull(r.promoted_at),
  };
}
