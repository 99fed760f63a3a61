// Pulls fixtures, results and odds from the live source, then asks for settlement (new results
// can settle stored predictions). SportMonks when its token is set; else football-data.co.uk's
// files (see sync-football-data.ts). A source that is not in use makes an expected no-op.
import type { Config } from '@scoreline/config';
import type { Db } from '@scoreline/db';
import {
  createOpsRetry,
  createSportmonksClient,
  findLeague,
  isRetryableSportmonksError,
  syncSportmonks,
} from '@scoreline/feeds';
import { retryOptionsFrom, type Logger } from '@scoreline/ops';
import {
  UnrecoverableJobError,
  type ProcessorContext,
  type QueueBackend,
  type SyncPayload,
  type SyncResult,
} from '@scoreline/queue';
import { syncFromFootballData } from './sync-football-data';

export interface SyncProcessorDeps {
  db: Db;
  queue: Pick<QueueBackend, 'enqueue'>;
  config: Pick<Config, 'sportmonks' | 'footballData' | 'retry'>;
  logger: Logger;
  now?: () => Date;
  /** Injected for tests (a local SportMonks server needs none; a fake clock might). */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const DAY_MS = 86_400_000;
const PERMANENT = new Set([
  'SportmonksAuthError',
  'SportmonksAccessError',
  'SportmonksRequestError',
]);

/** The default range: 7 days back (late results) to 14 days ahead (fixtures and odds). */
export function defaultSyncRange(now: Date): { from: string; to: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const day = (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
  return { from: day(-7), to: day(14) };
}

/** A payload league is a SportMonks id or a football-data code of the league map. */
function leagueIdOf(arg: string): number {
  if (/^\d+$/.test(arg.trim()) && Number(arg) > 0) return Number(arg);
  const league = findLeague(arg);
  if (!league) throw new UnrecoverableJobError(`sync: unknown league "${arg}"`);
  return league.sportmonksId;
}

/** Job ids may not contain `:` (BullMQ scheduler job ids do). */
const safeId = (id: string) => id.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 150);

export function createSyncProcessor(deps: SyncProcessorDeps) {
  const now = deps.now ?? (() => new Date());
  return async function sync(payload: SyncPayload, ctx: ProcessorContext): Promise<SyncResult> {
    const settleJobId = safeId(`settle-after-sync-${ctx.jobId}`);
    if (payload.source === 'football-data-results' || payload.source === 'football-data-fixtures') {
      const file = payload.source === 'football-data-results' ? 'results' : 'fixtures';
      return syncFromFootballData({ ...deps, now }, file, payload, settleJobId);
    }
    const token = deps.config.sportmonks.token;
    if (!token) return { status: 'skipped', reason: 'SPORTMONKS_API_TOKEN is not set' };
    const leagueIds = payload.leagues
      ? [...new Set(payload.leagues.map(leagueIdOf))]
      : [...deps.config.sportmonks.leagueIds];
    if (leagueIds.length === 0) return { status: 'skipped', reason: 'no SportMonks leagues' };
    const range = defaultSyncRange(now());
    const from = payload.from ?? range.from;
    const to = payload.to ?? range.to;

    const logger = {
      info: () => undefined,
      warn: (m: string, meta?: object) => deps.logger.warn(m, meta),
      error: (m: string, meta?: object) => deps.logger.error(m, meta),
    };
    const client = createSportmonksClient({
      baseUrl: deps.config.sportmonks.baseUrl,
      token,
      logger,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      retry: createOpsRetry(retryOptionsFrom(deps.config.retry), {
        logger,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      }),
    });
    let report;
    try {
      report = await syncSportmonks(deps.db, client, {
        leagueIds,
        from,
        to,
        secrets: [token],
        logger,
      });
    } catch (err) {
      // A bad token or a plan without access will not fix itself by retrying.
      // syncSportmonks rethrows a redacted copy that keeps the error's name.
      const permanent =
        err instanceof Error &&
        (PERMANENT.has(err.name) ||
          (err.name === 'SportmonksError' && !isRetryableSportmonksError(err)));
      if (permanent) throw new UnrecoverableJobError(err.message);
      throw err;
    }
    await deps.queue.enqueue('settle', {}, { jobId: settleJobId });
    const total = (c: { inserted: number; updated: number; unchanged: number }) =>
      c.inserted + c.updated + c.unchanged;
    return {
      status: 'ok',
      leagues: report.leagues.map((l) => l.code),
      fixtures: total(report.fixtures),
      odds: total(report.odds),
    };
  };
}
