import type { Db } from '../create-db';
import { errorText } from '@scoreline/ops';
import {
  insertedId,
  parseJsonOrNull,
  toDate,
  toDateOrNull,
  toDbTimestamp,
  toNumber,
  toStringOrNull,
} from '../values';

/** Lifecycle of a job run. */
export type JobRunStatus = 'running' | 'succeeded' | 'failed';

/** One execution of a background job (retrain, sync, backup, …). */
export interface JobRun {
  id: number;
  name: string;
  key: string | null;
  payloadSummary: string | null;
  status: JobRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** Counts or other result data, as given to {@link finishJobRun}. */
  result: unknown;
  error: string | null;
}

/** Records the start of a job; returns the run id. */
export async function startJobRun(
  db: Db,
  input: { name: string; key?: string | null; payloadSummary?: string | null; at?: Date },
): Promise<number> {
  const rows: unknown[] = await db
    .writer('job_runs')
    .insert({
      job_name: input.name,
      job_key: input.key ?? null,
      payload_summary: input.payloadSummary ?? null,
      status: 'running',
      started_at: toDbTimestamp(input.at ?? new Date()),
    })
    .returning('id');
  return insertedId(rows);
}

/** Marks a running job succeeded with its result; false when it was not running. */
export async function finishJobRun(
  db: Db,
  id: number,
  result?: unknown,
  at: Date = new Date(),
): Promise<boolean> {
  const n = await db
    .writer('job_runs')
    .where({ id, status: 'running' })
    .update({
      status: 'succeeded',
      finished_at: toDbTimestamp(at),
      result: result === undefined ? null : JSON.stringify(result),
    });
  return n > 0;
}

/** Marks a running job failed; false when it was not running. */
export async function failJobRun(
  db: Db,
  id: number,
  error: unknown,
  at: Date = new Date(),
): Promise<boolean> {
  const message = errorText(error);
  const n = await db
    .writer('job_runs')
    .where({ id, status: 'running' })
    .update({ status: 'failed', finished_at: toDbTimestamp(at), error: message });
  return n > 0;
}

/** Most recent runs first, optionally of one job. */
export async function listRecentJobRuns(
  db: Db,
  opts: { name?: string; limit?: number } = {},
): Promise<JobRun[]> {
  const q = db
    .reader('job_runs')
    .select('*')
    .orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(opts.limit ?? 20);
  if (opts.name) void q.where({ job_name: opts.name });
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map(toJobRun);
}

/** The latest successful run of a job (e.g. "when did sync last succeed"). */
export async function lastSuccessfulJobRun(db: Db, name: string): Promise<JobRun | null> {
  const row = (await db
    .reader('job_runs')
    .where({ job_name: name, status: 'succeeded' })
    .orderBy([
      { column: 'finished_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first()) as Record<string, unknown> | undefined;
  return row ? toJobRun(row) : null;
}

function toJobRun(r: Record<string, unknown>): JobRun {
  return {
    id: toNumber(r.id),
    name: String(r.job_name),
    key: toStringOrNull(r.job_key),
    payloadSummary: toStringOrNull(r.payload_summary),
    status: r.status as JobRunStatus,
    startedAt: toDate(r.started_at),
    finishedAt: toDateOrNull(r.finished_at),
    result: parseJsonOrNull<unknown>(r.result),
    error: toStringOrNull(r.error),
  };
}

/**
 * Marks runs still `running` that started before `startedBefore` as failed: a process killed
 * mid-job never finishes its row, and a row stuck at `running` would read as work in progress.
 */
export async function failAbandonedJobRuns(
  db: Db,
  startedBefore: Date,
  at: Date = new Date(),
): Promise<number> {
  return db
    .writer('job_runs')
    .where({ status: 'running' })
    .where('started_at', '<', toDbTimestamp(startedBefore))
    .update({
      status: 'failed',
      finished_at: toDbTimestamp(at),
      error: 'abandoned: the process running it stopped before it finished',
    });
}

/** Deletes finished runs that ended before `before`; running ones are never deleted. */
export async function deleteJobRunsBefore(db: Db, before: Date): Promise<number> {
  return db
    .writer('job_runs')
    .whereNot({ status: 'running' })
    .where('finished_at', '<', toDbTimestamp(before))
    .delete();
}
