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
  /** When not ok: which dependencies are not, in words (`redis: fail; worker: absent`). */
  output?: string;
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
  /** The cached report while it is fresh, else undefined (serve it without waiting a tick). */
  peek?(): ReadinessReport | undefined;
}

/** The dependencies that are not ok (disabled ones are fine), named for a human. */
function describeProblems(checks: Checks<CheckStatus>): string | undefined {
  const bad = (Object.keys(checks) as CheckName[]).filter(
    (n) => checks[n] !== 'ok' && checks[n] !== 'disabled',
  );
  return bad.length ? bad.map((n) => `${n}: ${checks[n]}`).join('; ') : undefined;
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
    const output = describeProblems(checks);
    return { status: combine(checks), checks, ...(output ? { output } : {}) };
  };
  const fresh = () => (cached && now() - cached.at < ttlMs ? cached.report : undefined);

  return {
    peek: fresh,
    report() {
      const report = fresh();
      if (report) return Promise.resolve(report);
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
