// Prometheus metrics of the worker's queues, observed by wrapping each processor (so the
// numbers are the same whichever backend runs the jobs).
import {
  ALL_JOB_NAMES,
  type JobName,
  type JobResults,
  type Processor,
  type Processors,
  type QueueBackend,
} from '@scoreline/queue';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface JobMetrics {
  /** Wraps every processor to count and time it. */
  wrap(processors: Processors): Processors;
}

/** Jobs whose last success time is exported (what an alert on "stuck for a day" watches). */
type Tracked = 'retrain' | 'sync' | 'backup';

/** The tracked jobs a finished job counts as a success for. */
function succeeded(name: JobName, result: unknown): Tracked[] {
  if (name === 'retrain') return ['retrain'];
  if (name === 'sync') return (result as JobResults['sync']).status === 'ok' ? ['sync'] : [];
  if (name === 'maintenance') {
    const r = result as JobResults['maintenance'];
    return r.tasks.some((t) => t.task === 'backup' && t.status === 'done') ? ['backup'] : [];
  }
  return [];
}

export function createJobMetrics(
  registry: Registry,
  queue: Pick<QueueBackend, 'counts'>,
  now: () => number = Date.now,
): JobMetrics {
  const registers = [registry];
  const completed = new Counter({
    name: 'scoreline_jobs_completed_total',
    help: 'Jobs that finished successfully, by queue.',
    labelNames: ['queue'] as const,
    registers,
  });
  const failed = new Counter({
    name: 'scoreline_jobs_failed_total',
    help: 'Job attempts that threw (retried or not), by queue.',
    labelNames: ['queue'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'scoreline_job_duration_seconds',
    help: 'Time a processor took, by queue.',
    labelNames: ['queue'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'scoreline_last_success_timestamp_seconds',
    help: 'Unix time of the last successful run, by job (retrain, sync, backup).',
    labelNames: ['job'] as const,
    registers,
  });
  new Gauge({
    name: 'scoreline_queue_depth',
    help: 'Jobs per queue and state, read from the queue backend at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      // A scrape must not fail because Redis hiccups: keep the last values then.
      const counts = await queue.counts().catch(() => null);
      if (!counts) return;
      for (const name of ALL_JOB_NAMES) {
        for (const [state, n] of Object.entries(counts[name]) as Array<[string, number]>) {
          this.set({ queue: name, state }, n);
        }
      }
    },
  });
  // Zero series exist from the start, so rate() works before the first job.
  for (const name of ALL_JOB_NAMES) {
    completed.inc({ queue: name }, 0);
    failed.inc({ queue: name }, 0);
  }

  function wrapOne<N extends JobName>(name: N, p: Processor<N>): Processor<N> {
    return async (payload, ctx) => {
      const stop = duration.startTimer({ queue: name });
      try {
        const result = await p(payload, ctx);
        completed.inc({ queue: name });
        for (const job of succeeded(name, result)) lastSuccess.set({ job }, now() / 1000);
        return result;
      } catch (err) {
        failed.inc({ queue: name });
        throw err;
      } finally {
        stop();
      }
    };
  }

  return {
    wrap(processors) {
      const out: Record<string, unknown> = {};
      for (const name of ALL_JOB_NAMES) {
        const p = processors[name] as Processor<JobName> | undefined;
        if (p) out[name] = wrapOne(name, p);
      }
      return out;
    },
  };
}
