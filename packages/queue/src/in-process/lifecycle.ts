// A job's way through the backend: added, waiting (or delayed), run by a free worker slot,
// completed, or failed and retried with backoff until it fails for good.
import { type JobName, backoffDelayMs, resolveJobDefaults } from '../contract';
import { type EnqueueOptions, assertJobId } from '../backend';
import { errorText } from '@scoreline/ops';
import { isUnrecoverable } from '../errors';
import { validatePayload } from '../payload-validators';
import { notify, retain } from './jobs';
import { type Core, type JobRecord, type RunningWorker, assertOpen, tableOf } from './state';

/** Queues a new job (or returns the existing one with the same id, as BullMQ does). */
export function add(
  core: Core,
  name: JobName,
  payload: unknown,
  o: EnqueueOptions = {},
): JobRecord {
  assertOpen(core);
  const clean = validatePayload(name, payload);
  if (o.jobId !== undefined) {
    assertJobId(o.jobId);
    // Same rule as BullMQ: a known id makes this a no-op, so deterministic ids dedupe.
    const existing = tableOf(core, name).get(o.jobId);
    if (existing) return existing;
  }
  const record: JobRecord = {
    id: o.jobId ?? String(++core.seq),
    name,
    payload: clean,
    state: 'waiting',
    attemptsMade: 0,
    defaults: resolveJobDefaults(name, core.jobOptions),
  };
  tableOf(core, name).set(record.id, record);
  if (o.delayMs !== undefined && o.delayMs > 0) makeDelayed(core, record, o.delayMs);
  else makeWaiting(core, record);
  return record;
}

function makeWaiting(core: Core, record: JobRecord): void {
  record.state = 'waiting';
  record.timer = undefined;
  core.waiting.get(record.name)!.push(record.id);
  pump(core, record.name);
}

function makeDelayed(core: Core, record: JobRecord, delayMs: number): void {
  record.state = 'delayed';
  record.timer = core.timers.setTimeout(() => makeWaiting(core, record), delayMs);
}

/** Starts waiting jobs of type `name` while its worker has free slots. */
export function pump(core: Core, name: JobName): void {
  const worker = core.workers.get(name);
  if (!worker || worker.closing || core.closed) return;
  const queue = core.waiting.get(name)!;
  while ((core.active.get(name) ?? 0) < worker.concurrency && queue.length > 0) {
    const record = tableOf(core, name).get(queue.shift()!);
    if (record?.state === 'waiting') run(core, worker, record);
  }
}

function run(core: Core, worker: RunningWorker, record: JobRecord): void {
  record.state = 'active';
  core.active.set(record.name, (core.active.get(record.name) ?? 0) + 1);
  const abort = new AbortController();
  const attempt = record.attemptsMade + 1;
  const done = Promise.resolve()
    .then(() => {
      // Re-validated on the consumer side too, as the BullMQ backend does: the processor
      // only ever sees a payload that matches the contract.
      const payload = validatePayload(record.name, record.payload);
      return worker.processor(payload, { jobId: record.id, attempt, signal: abort.signal });
    })
    .then(
      (result) => {
        record.attemptsMade = attempt;
        record.state = 'completed';
        record.result = result;
        record.finishedOn = core.now().getTime();
        retain(core, record, 'completed');
        notify(core, record);
      },
      (err: unknown) => onFailure(core, record, attempt, err),
    )
    .finally(() => {
      worker.inflight.delete(record.id);
      core.active.set(record.name, (core.active.get(record.name) ?? 1) - 1);
      pump(core, record.name);
    });
  worker.inflight.set(record.id, { done, abort });
}

function onFailure(core: Core, record: JobRecord, attempt: number, err: unknown): void {
  record.attemptsMade = attempt;
  const reason = errorText(err);
  const meta = { queue: record.name, jobId: record.id, attempt, reason };
  if (!isUnrecoverable(err) && attempt < record.defaults.attempts && !core.closed) {
    const delayMs = backoffDelayMs(record.defaults.backoff, attempt);
    core.logger.warn('job failed, retrying', { ...meta, delayMs });
    makeDelayed(core, record, delayMs);
    return;
  }
  core.logger.error('job failed', meta);
  record.state = 'failed';
  record.failedReason = reason;
  record.finishedOn = core.now().getTime();
  retain(core, record, 'failed');
  notify(core, record);
}
