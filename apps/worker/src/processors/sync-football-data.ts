// The free live source (football-data.co.uk), used while no SportMonks token is set: the
// current season's results (then settlement, as after any sync) or the upcoming fixtures.
// A file that failed wrote nothing; the job then fails after importing the others, so its
// retry (an idempotent re-import) fetches the failed file again.
import type { Logger } from '@scoreline/ops';
import type { Config } from '@scoreline/config';
import type { Db } from '@scoreline/db';
import {
  findLeague,
  syncFootballDataFixtures,
  syncFootballDataResults,
  type FootballDataSyncReport,
} from '@scoreline/feeds';
import {
  UnrecoverableJobError,
  type QueueBackend,
  type SyncPayload,
  type SyncResult,
} from '@scoreline/queue';

export interface FootballDataSyncDeps {
  db: Db;
  queue: Pick<QueueBackend, 'enqueue'>;
  config: Pick<Config, 'sportmonks' | 'footballData'>;
  logger: Logger;
  now: () => Date;
}

export async function syncFromFootballData(
  deps: FootballDataSyncDeps,
  file: 'results' | 'fixtures',
  payload: SyncPayload,
  settleJobId: string,
): Promise<SyncResult> {
  if (deps.config.sportmonks.token) {
    return { status: 'skipped', reason: 'SportMonks is the live source (its token is set)' };
  }
  if (!deps.config.footballData.enabled) {
    return { status: 'skipped', reason: 'FOOTBALL_DATA_SYNC=0' };
  }
  const leagues = payload.leagues ?? [...deps.config.footballData.leagues];
  const unknown = leagues.filter((code) => !findLeague(code));
  if (unknown.length > 0) {
    throw new UnrecoverableJobError(`sync: unknown league code(s) ${unknown.join(', ')}`);
  }
  const options = { baseUrl: deps.config.footballData.baseUrl, leagues, now: deps.now() };
  const report =
    file === 'results'
      ? await syncFootballDataResults(deps.db, options)
      : await syncFootballDataFixtures(deps.db, options);

  for (const url of report.missing) {
    deps.logger.warn('football-data: no file for this season yet', { url });
  }
  for (const r of report.imported.filter((i) => i.rejected > 0)) {
    deps.logger.warn('football-data: rows rejected', {
      url: r.url,
      rejected: r.rejected,
      first: r.rejects.slice(0, 3).map((x) => `line ${x.line}: ${x.reason}`),
    });
  }
  if (file === 'results' && report.imported.length > 0) {
    await deps.queue.enqueue('settle', {}, { jobId: settleJobId });
  }
  if (report.failures.length > 0) {
    throw new Error(
      `football-data: ${report.failures.map((f) => `${f.url}: ${f.reason}`).join('; ')}`,
    );
  }
  return resultOf(report);
}

function resultOf(report: FootballDataSyncReport): SyncResult {
  const sum = (pick: (r: FootballDataSyncReport['imported'][number]) => number) =>
    report.imported.reduce((n, r) => n + pick(r), 0);
  return {
    status: 'ok',
    leagues: [...new Set(report.imported.flatMap((r) => r.leagues))].sort(),
    fixtures: sum((r) => r.inserted + r.updated + r.unchanged),
    odds: sum((r) => r.oddsRows),
  };
}
