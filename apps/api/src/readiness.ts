// Readiness (DESIGN §3): one status per dependency, combined into ok / degraded / fail.
// Results are cached about a second and computed once for all concurrent probes, so a probe
// storm costs a couple of database queries, not one per request.

export type CheckStatus = 'ok' | 'fail' | 'stale' | 'absent' | 'disabled' | 'bootstrapping';
export type ReadyStatus = 'ok' | 'degraded' | 'fail';
export type CheckName = 'db' | 'redis' | 'worker' | 'tgbot' | 'scheduler';

/**
 * The checks every process reports, plus `bootstrap` where the first-start bootstrap is on
 * (BOOTSTRAP=1): `bootstrapping` until the bundled history is imported and trained.
 */
export type Checks<T> = Record<CheckName, T> & { bootstrap?: T };

export interface ReadinessReport {
  status: ReadyStatus;
  checks: Checks<CheckStatus>;
}

export type Check = () => Promise<CheckStatus>;

export interface ReadinessOptions {
  checks: Checks<Check>;
  /** How long a report is reused (default 1000 ms). */
  ttlMs?: number;
  /** Each check's own limit; a check that takes longer is `fail` (default 800 ms). */
  timeoutMs?: number;
  now?: () => number;
}

/** `db` failing makes the service unready; anything else not ok/disabled only degrades it. */
export function combine(checks: Checks<CheckStatus>): ReadyStatus {
  if (checks.db === 'fail') return 'fail';
  const healthy = Object.values(checks).every((s) => s === 'ok' || s === 'disabled');
  return healthy ? 'ok' : 'degraded';
}

async function withTimeout(check: Check, timeoutMs: number): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckStatus>((resolve) => {
    timer = setTimeout(() => resolve('fail'), timeoutMs);
  });
  try {
    return await Promise.race([check().catch((): CheckStatus => 'fail'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Readiness {
  report(): Promise<ReadinessReport>;
}

export function createReadiness(opts: ReadinessOptions): Readiness {
  const ttlMs = opts.ttlMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 800;
  const now = opts.now ?? Date.now;
  let cached: { at: number; report: ReadinessReport } | undefined;
  let inFlight: Promise<ReadinessReport> | undefined;

  const compute = async (): Promise<ReadinessReport> => {
    const entries = Object.entries<Check>(opts.checks);
    const results = await Promise.all(entries.map(([, c]) => withTimeout(c, timeoutMs)));
    const checks = Object.fromEntries(
      entries.map(([n], i) => [n, results[i]!]),
    ) as Checks<CheckStatus>;
    return { status: combine(checks), checks };
  };

  return {
    report() {
      if (cached && now() - cached.at < ttlMs) return Promise.resolve(cached.report);
      inFlight ??= compute()
        .then((report) => {
          cached = { at: now(), report };
          return report;
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}
