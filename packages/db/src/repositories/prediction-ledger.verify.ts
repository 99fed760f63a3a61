// Checking the prediction ledger end to end: every record in seq order (in pages, so a long
// history is never held in memory), then the head, then that no prediction escaped sealing
// (every one is sealed or still waits in the seal queue).
import { canonicalJson } from '../canonical-json';
import type { Db } from '../create-db';
import { toNumber } from '../values';
import {
  GENESIS_HASH,
  ledgerHash,
  PREDICTION_COLUMNS,
  sealedPredictionOf,
  type SealedContent,
} from './prediction-ledger.content';
import {
  countUnsealedPredictions,
  ledgerHead,
  type LedgerHead,
} from './prediction-ledger.repository';

/**
 * How the chain is broken:
 * - `prediction-edited`: a prediction row no longer matches what its record sealed;
 * - `record-edited`: a record's content no longer hashes to its hash;
 * - `record-missing`: a record was deleted or replaced (seq gap, or prev_hash is not the hash
 *   before it);
 * - `prediction-deleted`: a record whose prediction row is gone;
 * - `head-mismatch`: the head is not the last record (records cut off the end, or head edited);
 * - `unrecorded`: a stored prediction without a record that does not wait for one either.
 */
export type LedgerBreakKind =
  | 'prediction-edited'
  | 'record-edited'
  | 'record-missing'
  | 'prediction-deleted'
  | 'head-mismatch'
  | 'unrecorded';

export interface LedgerBreak {
  kind: LedgerBreakKind;
  /** The record where the chain first fails; null when none (head, unrecorded). */
  seq: number | null;
  predictionId: number | null;
  /** The match as sealed, e.g. `fixture 12 Arsenal – Chelsea, kick-off 2025-05-01T14:00:00.000Z`. */
  match: string | null;
  /** One line naming the record, the prediction and the match, and what is wrong. */
  message: string;
}

export type LedgerVerification =
  | {
      ok: true;
      records: number;
      head: LedgerHead;
      /** Stored predictions still waiting for their record (sealed within about a second). */
      pending: number;
    }
  | {
      ok: false;
      /** Records checked and intact before the break. */
      records: number;
      /** The head row as stored (null when it is missing). */
      head: LedgerHead | null;
      broken: LedgerBreak;
    };

const PAGE = 500;

/**
 * Checks the whole chain and reports the first break. Reads through the writer: a replica's lag
 * would look like a broken chain. Records appended while it runs (after the head it read first)
 * are left for the next run.
 */
export async function verifyLedger(
  db: Db,
  opts: { pageSize?: number } = {},
): Promise<LedgerVerification> {
  const k = db.writer;
  const headRow: Record<string, unknown> | undefined = await k('prediction_ledger_head')
    .where({ id: 1 })
    .first('seq', 'hash');
  const head = headRow ? { seq: toNumber(headRow.seq), hash: String(headRow.hash) } : null;
  const fail = (records: number, broken: LedgerBreak): LedgerVerification => ({
    ok: false,
    records,
    head,
    broken,
  });
  if (!head) {
    return fail(0, {
      kind: 'head-mismatch',
      seq: null,
      predictionId: null,
      match: null,
      message: 'the ledger head row is missing (prediction_ledger_head)',
    });
  }

  let prev = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const rows: Array<Record<string, unknown>> = await k('prediction_ledger as l')
      .leftJoin('predictions as p', 'p.id', 'l.prediction_id')
      .where('l.seq', '>', prev.seq)
      .where('l.seq', '<=', head.seq)
      .orderBy('l.seq')
      .limit(opts.pageSize ?? PAGE)
      .select('l.seq', 'l.prediction_id', 'l.content_json', 'l.prev_hash', 'l.hash')
      .select(Object.fromEntries(PREDICTION_COLUMNS.map((c) => [`p_${c}`, `p.${c}`])));
    for (const row of rows) {
      const broken = checkRecord(prev, row);
      if (broken) return fail(prev.seq, broken);
      prev = { seq: toNumber(row.seq), hash: String(row.hash) };
    }
    if (rows.length < (opts.pageSize ?? PAGE)) break;
  }

  if (prev.seq !== head.seq || prev.hash !== head.hash) {
    const cut = prev.seq < head.seq;
    return fail(prev.seq, {
      kind: 'head-mismatch',
      seq: cut ? prev.seq + 1 : null,
      predictionId: null,
      match: null,
      message: cut
        ? `records ${prev.seq + 1}..${head.seq} are missing: the chain ends at record ${prev.seq}, the head says ${head.seq}`
        : `the head (record ${head.seq}, ${head.hash.slice(0, 12)}) is not the last record's hash (${prev.hash.slice(0, 12)})`,
    });
  }

  // Records past the head: the head was set back (to hide later records from a check). Read the
  // last record before the head, so a writer committing in between cannot look like this.
  const last: Record<string, unknown> | undefined = await k('prediction_ledger')
    .max({ seq: 'seq' })
    .first();
  const lastSeq = last?.seq === null || last?.seq === undefined ? 0 : toNumber(last.seq);
  const now = await ledgerHead(db, 'writer');
  if (lastSeq > now.seq) {
    return fail(prev.seq, {
      kind: 'head-mismatch',
      seq: now.seq + 1,
      predictionId: null,
      match: null,
      message: `records ${now.seq + 1}..${lastSeq} lie beyond the head (record ${now.seq}): the head was set back`,
    });
  }

  const unrecorded: Record<string, unknown> | undefined = await k('predictions as p')
    .leftJoin('prediction_ledger as l', 'l.prediction_id', 'p.id')
    .leftJoin('prediction_seal_queue as q', 'q.prediction_id', 'p.id')
    .whereNull('l.seq')
    .whereNull('q.prediction_id')
    .orderBy('p.id')
    .first('p.id', 'p.fixture_id');
  if (unrecorded) {
    const id = toNumber(unrecorded.id);
    const fixture =
      unrecorded.fixture_id === null ? null : `fixture ${toNumber(unrecorded.fixture_id)}`;
    return fail(prev.seq, {
      kind: 'unrecorded',
      seq: null,
      predictionId: id,
      match: fixture,
      message: `prediction ${id}${fixture ? ` (${fixture})` : ''} has no ledger record and none is waiting: it was stored around the ledger, or its place in the seal queue was deleted`,
    });
  }
  return { ok: true, records: head.seq, head, pending: await countUnsealedPredictions(db) };
}

/** The break at this record, if any; `prev` is the record before it (seq 0: genesis). */
function checkRecord(
  prev: { seq: number; hash: string },
  row: Record<string, unknown>,
): LedgerBreak | null {
  const seq = toNumber(row.seq);
  const predictionId = toNumber(row.prediction_id);
  const contentJson = String(row.content_json);
  let content: SealedContent | null = null;
  try {
    content = JSON.parse(contentJson) as SealedContent;
  } catch {
    // Reported below as an edited record: its text no longer hashes to its hash either.
  }
  const match = content ? describeMatch(content) : null;
  const at = `record ${seq} (prediction ${predictionId}${match ? `, ${match}` : ''})`;
  const broken = (kind: LedgerBreakKind, what: string): LedgerBreak => ({
    kind,
    seq,
    predictionId,
    match,
    message: `${at}: ${what}`,
  });

  if (seq !== prev.seq + 1) {
    return broken(
      'record-missing',
      `records ${prev.seq + 1}..${seq - 1} are missing (deleted) before it`,
    );
  }
  if (String(row.prev_hash) !== prev.hash) {
    return broken(
      'record-missing',
      `its previous hash is not record ${prev.seq}'s: a record before it was deleted or replaced`,
    );
  }
  if (ledgerHash(prev.hash, contentJson) !== String(row.hash) || !content) {
    return broken(
      'record-edited',
      'its sealed content was edited (it no longer hashes to its hash)',
    );
  }
  if (row.p_id === null || row.p_id === undefined) {
    return broken('prediction-deleted', 'its prediction was deleted');
  }
  let changed: string[];
  try {
    const current = sealedPredictionOf(
      Object.fromEntries(PREDICTION_COLUMNS.map((c) => [c, row[`p_${c}`]])),
    );
    changed = changedFields(content.prediction, current);
  } catch {
    // A column edited into something the repository cannot even read (markets not JSON).
    changed = ['unreadable'];
  }
  if (changed.length > 0) {
    return broken(
      'prediction-edited',
      `the stored prediction was edited after it was sealed (${changed.join(', ')})`,
    );
  }
  return null;
}

/** Top-level fields whose canonical JSON differs. */
function changedFields(sealed: object, current: object): string[] {
  const a = sealed as Record<string, unknown>;
  const b = current as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => canonicalOrNull(a[key]) !== canonicalOrNull(b[key]))
    .sort();
}

function canonicalOrNull(v: unknown): string | null {
  try {
    return v === undefined ? null : canonicalJson(v);
  } catch {
    return null;
  }
}

/** `fixture 12 Arsenal – Chelsea, kick-off …` from what the record sealed. */
function describeMatch(content: SealedContent): string | null {
  const p = content.prediction as Partial<SealedContent['prediction']> | undefined;
  const m = content.match as Partial<SealedContent['match']> | undefined;
  if (!p) return null;
  const teams = `${m?.home ?? `team ${String(p.homeTeamId)}`} – ${m?.away ?? `team ${String(p.awayTeamId)}`}`;
  const fixture =
    p.fixtureId === null || p.fixtureId === undefined ? 'no fixture' : `fixture ${p.fixtureId}`;
  return `${fixture} ${teams}${m?.kickoffAt ? `, kick-off ${m.kickoffAt}` : ''}`;
}
