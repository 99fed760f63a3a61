// The first-start bootstrap's state (migration 004): the `bootstrap` row says whether it is
// running, done or failed and which process holds its lease; `done` step rows mark each history
// file imported and each league trained. The lease is a conditional UPDATE, atomic on both
// engines, so exactly one process among many (one worker per container) does the work.
import type { Db } from '../create-db';
import { toDate, toDateOrNull, toStringOrNull, toDbTimestamp } from '../values';

const OVERALL = 'bootstrap';

export type BootstrapStatus = 'running' | 'done' | 'failed';

export interface BootstrapState {
  status: BootstrapStatus;
  detail: string | null;
  /** The process (host:pid) holding the lease, null when none does. */
  owner: string | null;
  leaseUntil: Date | null;
  updatedAt: Date;
}

interface Row {
  status: BootstrapStatus;
  detail: unknown;
  owner: unknown;
  lease_until: unknown;
  updated_at: unknown;
}

/** The bootstrap's state, or null when no process has started one on this database. */
export async function getBootstrapState(db: Db): Promise<BootstrapState | null> {
  const row = (await db.writer('bootstrap_state').where({ step: OVERALL }).first()) as
    Row | undefined;
  if (!row) return null;
  return {
    status: row.status,
    detail: toStringOrNull(row.detail),
    owner: toStringOrNull(row.owner),
    leaseUntil: toDateOrNull(row.lease_until),
    updatedAt: toDate(row.updated_at),
  };
}

/**
 * Creates the bootstrap row with `status` unless one exists (then nothing changes: the first
 * process to get here decides), and returns the row as it now stands.
 */
export async function openBootstrap(
  db: Db,
  initial: { status: BootstrapStatus; detail?: string },
  now: Date = new Date(),
): Promise<BootstrapState> {
  await db
    .writer('bootstrap_state')
    .insert({
      step: OVERALL,
      status: initial.status,
      detail: initial.detail ?? null,
      updated_at: toDbTimestamp(now),
    })
    .onConflict('step')
    .ignore();
  return (await getBootstrapState(db))!;
}

/**
 * Takes (or renews) the lease for `owner` until `now + ttlMs` when the bootstrap is not done and
 * no other process holds an unexpired lease. True when `owner` holds it now.
 */
export async function acquireBootstrapLease(
  db: Db,
  owner: string,
  ttlMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  const changed = await db
    .writer('bootstrap_state')
    .where({ step: OVERALL })
    .whereNot({ status: 'done' })
    .andWhere((q) => {
      void q
        .whereNull('owner')
        .orWhere({ owner })
        .orWhereNull('lease_until')
        .orWhere('lease_until', '<', toDbTimestamp(now));
    })
    .update({
      status: 'running',
      owner,
      lease_until: toDbTimestamp(new Date(now.getTime() + ttlMs)),
      updated_at: toDbTimestamp(now),
    });
  return changed === 1;
}

/** Extends `owner`'s lease; false when it no longer holds it (it expired and was taken). */
export async function renewBootstrapLease(
  db: Db,
  owner: string,
  ttlMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  const changed = await db
    .writer('bootstrap_state')
    .where({ step: OVERALL, owner, status: 'running' })
    .update({
      lease_until: toDbTimestamp(new Date(now.getTime() + ttlMs)),
      updated_at: toDbTimestamp(now),
    });
  return changed === 1;
}

/** Gives up `owner`'s lease, the bootstrap still running (shutdown): the next start resumes. */
export async function releaseBootstrapLease(db: Db, owner: string): Promise<void> {
  await db
    .writer('bootstrap_state')
    .where({ step: OVERALL, owner })
    .update({ owner: null, lease_until: null });
}

/** Ends `owner`'s bootstrap as done or failed and gives up the lease. */
export async function finishBootstrap(
  db: Db,
  owner: string,
  result: { status: 'done' | 'failed'; detail: string },
  now: Date = new Date(),
): Promise<boolean> {
  const changed = await db
    .writer('bootstrap_state')
    .where({ step: OVERALL, owner })
    .update({
      status: result.status,
      detail: result.detail,
      owner: null,
      lease_until: null,
      updated_at: toDbTimestamp(now),
    });
  return changed === 1;
}

/** Marks one step (`import:E0/season-9394.csv`, `train:E0`) done; marking it again updates it. */
export async function markBootstrapStep(
  db: Db,
  step: string,
  detail: string,
  now: Date = new Date(),
): Promise<void> {
  if (step === OVERALL) throw new RangeError(`"${OVERALL}" is not a step name`);
  await db
    .writer('bootstrap_state')
    .insert({ step, status: 'done', detail, updated_at: toDbTimestamp(now) })
    .onConflict('step')
    .merge(['status', 'detail', 'updated_at']);
}

/** The steps already done, with their detail. */
export async function doneBootstrapSteps(db: Db): Promise<Map<string, string>> {
  const rows: Array<{ step: string; detail: unknown }> = await db
    .writer('bootstrap_state')
    .whereNot({ step: OVERALL })
    .where({ status: 'done' })
    .select('step', 'detail');
  return new Map(rows.map((r) => [r.step, toStringOrNull(r.detail) ?? '']));
}
