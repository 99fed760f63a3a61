// startWorkers() and the handle that closes them: in-flight jobs may finish within the deadline,
// then their processors are told to stop and the jobs are abandoned (nothing here is durable).
import { type JobName, DEFAULT_CONCURRENCY } from '../contract';
import {
  type Processor,
  type Processors,
  type StartWorkersOptions,
  type WorkersHandle,
  DEFAULT_CLOSE_TIMEOUT_MS,
  resolveWorkerNames,
} from '../backend';
import { QueueStateError } from '../errors';
import { pump } from './lifecycle';
import { type Core, assertOpen } from './state';

export function startWorkers(
  core: Core,
  processors: Processors,
  o: StartWorkersOptions,
): WorkersHandle {
  assertOpen(core);
  const names = resolveWorkerNames(processors, o.only);
  const busy = names.filter((n) => core.workers.has(n));
  if (busy.length > 0) {
    throw new QueueStateError(`workers already running for: ${busy.join(', ')}`);
  }
  const concurrency = (n: JobName): number => {
    const c = o.concurrency?.[n] ?? DEFAULT_CONCURRENCY[n];
    if (!Number.isSafeInteger(c) || c < 1) {
      throw new TypeError(`concurrency for ${n} must be a positive integer`);
    }
    return c;
  };
  const configured = names.map((n) => [n, concurrency(n)] as const);
  for (const [n, c] of configured) {
    core.workers.set(n, {
      processor: processors[n] as Processor<JobName>,
      concurrency: c,
      closing: false,
      inflight: new Map(),
    });
  }
  let closing: Promise<void> | undefined;
  const handle: WorkersHandle = {
    names,
    close(timeoutMs = DEFAULT_CLOSE_TIMEOUT_MS) {
      closing ??= closeWorkers(core, names, timeoutMs).finally(() => core.handles.delete(handle));
      return closing;
    },
  };
  core.handles.add(handle);
  for (const n of names) pump(core, n);
  core.logger.info('in-process workers started', { queues: names });
  return handle;
}

async function closeWorkers(
  core: Core,
  names: readonly JobName[],
  timeoutMs: number,
): Promise<void> {
  const { timers } = core;
  const mine = names.map((n) => [n, core.workers.get(n)] as const);
  for (const [, w] of mine) if (w) w.closing = true;
  const inflight = mine.flatMap(([, w]) => (w ? [...w.inflight.values()] : []));
  if (inflight.length > 0) {
    let timer: unknown;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = timers.setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([
      Promise.allSettled(inflight.map((j) => j.done)).then(() => 'drained' as const),
      deadline,
    ]);
    timers.clearTimeout(timer);
    if (outcome === 'timeout') {
      // Forced: tell processors to stop. Their jobs are abandoned (see the file comment).
      for (const j of inflight) j.abort.abort(new Error('worker closed'));
      core.logger.warn('workers closed with jobs still running', { queues: names, timeoutMs });
    }
  }
  for (const [n, w] of mine) if (w && core.workers.get(n) === w) core.workers.delete(n);
}
