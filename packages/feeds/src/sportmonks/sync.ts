// Persists SportMonks data: leagues, seasons, teams, fixtures with results, and pre-match odds of
// upcoming fixtures. A range is synced per league in date windows; each window is fetched first
// (no transaction held open across HTTP calls), then written in one transaction together with the
// league's cursor, so an interrupted sync resumes after the last committed window.
import {
  failJobRun,
  findLeagueBySportmonksId,
  finishJobRun,
  getSyncCursor,
  listSeasons,
  setSyncCursor,
  startJobRun,
  upsertFixtureBySportmonksId,
  upsertFixtureOdds,
  upsertLeague,
  upsertSeason,
  writeTransaction,
  type Db,
  type UpsertOutcome,
} from '@scoreline/db';
import { errorText, redactSecrets, type Logger } from '@scoreline/ops';
import { seasonOf } from '../football-data/import';
import { findLeague } from '../leagues';
import { createTeamDirectory } from '../teams/team-directory';
import type { SportmonksClient } from './client';
import { splitDateRange } from './date-range';
import { oddsInputsOf, type OddsMarketIds } from './sync-odds';
import type { SmFixture, SmOdds } from './types';

/** `sync_cursors.source` of this sync. */
export const SPORTMONKS_SYNC_SOURCE = 'sportmonks';
/** `job_runs.job_name` of this sync. */
export const SPORTMONKS_SYNC_JOB = 'sync';

/** Inserted / updated / unchanged rows. */
export interface SyncCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What one league's sync did. */
export interface SyncLeagueReport {
  /** SportMonks league id. */
  leagueId: number;
  /** League code in the database (`E0`, or `SM<id>` for a league the league map lacks). */
  code: string;
  name: string;
  /** Date windows of the range, and how many a resumed sync skipped as already synced. */
  windows: number;
  windowsSkipped: number;
  /** End date of the last window synced by an interrupted earlier run, when resuming. */
  resumedAfter: string | null;
  fixtures: SyncCounts;
  /** Fixtures left out: both sides resolving to one team, or a conflict (below). */
  fixturesSkipped: number;
  /**
   * Fixtures whose league, date and teams already belong to another stored fixture (e.g. a
   * rescheduled match whose new date a CSV import already holds): left for a person to merge.
   */
  conflicts: string[];
  odds: SyncCounts;
  /** Team names no alias knew: they became new teams (listed, never silently merged). */
  newTeams: string[];
}

/** What {@link syncSportmonks} did. */
export interface SyncReport {
  from: string;
  to: string;
  jobRunId: number;
  leagues: SyncLeagueReport[];
  fixtures: SyncCounts;
  odds: SyncCounts;
  newTeams: string[];
}

/** Reported after each committed window. */
export interface SyncProgress {
  leagueId: number;
  /** 1-based index of the window among the league's windows. */
  window: number;
  windows: number;
  from: string;
  to: string;
  fixtures: number;
}

/** Options of {@link syncSportmonks}. */
export interface SyncOptions {
  /** SportMonks league ids. */
  leagueIds: readonly number[];
  /** Inclusive UTC dates, `YYYY-MM-DD`. */
  from: string;
  to: string;
  logger?: Pick<Logger, 'info' | 'warn'>;
  /**
   * Called after each committed window. May be async; a throw stops the sync (the committed
   * windows stay, and a later run over the same range resumes after them).
   */
  onProgress?: (p: SyncProgress) => void | Promise<void>;
  /** Days per window (default 7): the unit of commit and resumption. */
  windowDays?: number;
  /**
   * A cursor older than this is not resumed from (default 24 h): the windows it covers were
   * synced too long ago to count as fresh.
   */
  resumeMaxAgeMs?: number;
  /** SportMonks market ids of totals and handicaps (see {@link OddsMarketIds}). */
  oddsMarkets?: OddsMarketIds;
  /** Secrets (the API token) to strip from logs and the job run's error, on top of the usual. */
  secrets?: readonly string[];
  /** Clock, for cursor ages and job-run times. */
  now?: () => Date;
}

interface Cursor {
  through: string;
  done?: boolean;
}

/** The cursor key of one league and range. */
export function syncCursorKey(leagueId: number, from: string, to: string): string {
  return `fixtures:${leagueId}:${from}..${to}`;
}

const zero = (): SyncCounts => ({ inserted: 0, updated: 0, unchanged: 0 });
const add = (a: SyncCounts, b: SyncCounts): SyncCounts => ({
  inserted: a.inserted + b.inserted,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
});
const countOf = (outcomes: readonly UpsertOutcome[]): SyncCounts => {
  const c = zero();
  for (const o of outcomes) c[o] += 1;
  return c;
};

/**
 * Syncs the given leagues over `from..to` (UTC dates, inclusive) and records a `sync` job run:
 * succeeded with the counts, or failed with a reason free of secrets. Re-running an unchanged
 * range reports everything unchanged; a range interrupted less than `resumeMaxAgeMs` ago
 * resumes after its last committed window. Throws the first error (redacted) after recording it.
 */
export async function syncSportmonks(
  db: Db,
  client: SportmonksClient,
  opts: SyncOptions,
): Promise<SyncReport> {
  const windowDays = opts.windowDays ?? 7;
  // Validates both dates and the window size before anything is recorded.
  splitDateRange(opts.from, opts.to, windowDays);
  if (opts.leagueIds.length === 0) throw new RangeError('no SportMonks league ids to sync');
  for (const id of opts.leagueIds) {
    if (!Number.isInteger(id) || id <= 0) throw new RangeError(`bad SportMonks league id ${id}`);
  }
  const now = opts.now ?? (() => new Date());
  const secrets = (opts.secrets ?? []).filter((s) => s.length > 0);
  const redact = (text: string): string => redactSecrets(text, secrets);

  const runId = await startJobRun(db, {
    name: SPORTMONKS_SYNC_JOB,
    key: `sportmonks:${opts.leagueIds.join(',')}`,
    payloadSummary: `leagues ${opts.leagueIds.join(',')} ${opts.from}..${opts.to}`,
    at: now(),
  });
  try {
    const leagues: SyncLeagueReport[] = [];
    for (const leagueId of opts.leagueIds) {
      leagues.push(await syncLeague(db, client, leagueId, { ...opts, windowDays, now, redact }));
    }
    const report: SyncReport = {
      from: opts.from,
      to: opts.to,
      jobRunId: runId,
      leagues,
      fixtures: leagues.reduce((c, l) => add(c, l.fixtures), zero()),
      odds: leagues.reduce((c, l) => add(c, l.odds), zero()),
      newTeams: leagues.flatMap((l) => l.newTeams),
    };
    await finishJobRun(db, runId, jobResult(report), now());
    return report;
  } catch (err) {
    const reason = redact(err instanceof Error ? err.message : String(err));
    try {
      await failJobRun(db, runId, reason, now());
    } catch (recordErr) {
      opts.logger?.warn('sportmonks sync: could not record the failed job run', {
        error: errorText(recordErr, secrets),
      });
    }
    if (err instanceof Error && err.message === reason) throw err;
    const safe = new Error(reason);
    safe.name = err instanceof Error ? err.name : 'Error';
    throw safe;
  }
}

/** Counts only: the job-runs table is no place for team name lists. */
function jobResult(report: SyncReport): object {
  return {
    from: report.from,
    to: report.to,
    fixtures: report.fixtures,
    odds: report.odds,
    newTeams: report.newTeams.length,
    leagues: report.leagues.map((l) => ({
      leagueId: l.leagueId,
      code: l.code,
      windows: l.windows,
      windowsSkipped: l.windowsSkipped,
      fixtures: l.fixtures,
      fixturesSkipped: l.fixturesSkipped,
      conflicts: l.conflicts.length,
      odds: l.odds,
      newTeams: l.newTeams.length,
    })),
  };
}

type LeagueRunOptions = SyncOptions & {
  windowDays: number;
  now: () => Date;
  redact: (s: string) => string;
};

/** The league's row: by SportMonks id if stored, else from the league map, else from the API. */
async function ensureLeague(
  db: Db,
  client: SportmonksClient,
  leagueId: number,
): Promise<{ id: number; code: string; name: string }> {
  const stored = await findLeagueBySportmonksId(db, leagueId);
  if (stored) return stored;
  const mapped = findLeague(String(leagueId));
  if (mapped) {
    const { id } = await upsertLeague(db, {
      code: mapped.code,
      name: mapped.name,
      country: mapped.country,
      sportmonksId: leagueId,
    });
    return { id, code: mapped.code, name: mapped.name };
  }
  const fetched = await client.league(leagueId);
  const code = `SM${leagueId}`;
  const name = fetched?.name || `SportMonks league ${leagueId}`;
  const { id } = await upsertLeague(db, { code, name, sportmonksId: leagueId });
  return { id, code, name };
}

function parseCursor(value: string): Cursor | null {
  try {
    const v = JSON.parse(value) as { through?: unknown; done?: unknown };
    return typeof v.through === 'string' ? { through: v.through, done: v.done === true } : null;
  } catch {
    return null;
  }
}

/** `2024/2025` → `2024/25`, the football-data naming the CSV importer uses; others unchanged. */
function seasonName(smName: string): string {
  const m = /^(\d{4})\s*[/-]\s*(\d{4})$/.exec(smName.trim());
  return (m ? `${m[1]}/${m[2]!.slice(2)}` : smName.trim()).slice(0, 16);
}

/**
 * The first window still to sync: after the stored cursor of an unfinished, recent run of the
 * same range (noted in the report), else the first.
 */
async function resumeStart(
  db: Db,
  key: string,
  windows: readonly (readonly [string, string])[],
  opts: LeagueRunOptions,
  report: SyncLeagueReport,
): Promise<number> {
  const stored = await getSyncCursor(db, SPORTMONKS_SYNC_SOURCE, key);
  const cursor = stored ? parseCursor(stored.value) : null;
  const fresh =
    stored !== null &&
    opts.now().getTime() - stored.updatedAt.getTime() <= (opts.resumeMaxAgeMs ?? 86_400_000);
  // A completed range starts over: re-running it is a refresh, not a no-op.
  if (!cursor || cursor.done || !fresh) return 0;
  const next = windows.findIndex(([, end]) => end > cursor.through);
  const start = next < 0 ? windows.length : next;
  report.windowsSkipped = start;
  report.resumedAfter = cursor.through;
  opts.logger?.info('sportmonks sync resumes', {
    leagueId: report.leagueId,
    after: cursor.through,
  });
  return start;
}

async function syncLeague(
  db: Db,
  client: SportmonksClient,
  leagueId: number,
  opts: LeagueRunOptions,
): Promise<SyncLeagueReport> {
  const league = await ensureLeague(db, client, leagueId);
  const windows = splitDateRange(opts.from, opts.to, opts.windowDays);
  const key = syncCursorKey(leagueId, opts.from, opts.to);
  const report: SyncLeagueReport = {
    leagueId,
    code: league.code,
    name: league.name,
    windows: windows.length,
    windowsSkipped: 0,
    resumedAfter: null,
    fixtures: zero(),
    fixturesSkipped: 0,
    conflicts: [],
    odds: zero(),
    newTeams: [],
  };

  const start = await resumeStart(db, key, windows, opts, report);
  if (start >= windows.length) {
    await setSyncCursor(
      db,
      SPORTMONKS_SYNC_SOURCE,
      key,
      JSON.stringify({ through: opts.to, done: true }),
      opts.now(),
    );
    return report;
  }

  const seasons = new SeasonNames(db, client, leagueId, league.id);
  for (let i = start; i < windows.length; i++) {
    const [from, to] = windows[i]!;
    const fixtures = await client.fixturesBetween(from, to, { leagueIds: [leagueId] });
    const upcoming = fixtures.filter((f) => f.state === 'scheduled').map((f) => f.id);
    const odds =
      upcoming.length > 0
        ? await client.preMatchOddsForFixtures(upcoming)
        : new Map<number, SmOdds[]>();
    const names = await seasons.namesFor(fixtures);
    const last = i === windows.length - 1;
    const written = await writeTransaction(db, async (tx) => {
      const result = await writeWindow(tx, league, fixtures, odds, names, opts);
      await setSyncCursor(
        tx,
        SPORTMONKS_SYNC_SOURCE,
        key,
        JSON.stringify(last ? { through: to, done: true } : { through: to }),
        opts.now(),
      );
      return result;
    });
    report.fixtures = add(report.fixtures, written.fixtures);
    report.odds = add(report.odds, written.odds);
    report.fixturesSkipped += written.skipped;
    report.conflicts.push(...written.conflicts);
    report.newTeams.push(...written.newTeams);
    opts.logger?.info('sportmonks sync window', {
      leagueId,
      from,
      to,
      fixtures: fixtures.length,
      odds: written.odds,
    });
    await opts.onProgress?.({
      leagueId,
      window: i + 1,
      windows: windows.length,
      from,
      to,
      fixtures: fixtures.length,
    });
  }
  return report;
}

/**
 * Season names by SportMonks season id: from stored seasons first, then (once per league run,
 * only when a fixture names an unknown season) from the API.
 */
class SeasonNames {
  private stored: Map<number, string> | null = null;
  private fetched: Map<number, string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly client: SportmonksClient,
    private readonly smLeagueId: number,
    private readonly leagueId: number,
  ) {}

  async namesFor(fixtures: readonly SmFixture[]): Promise<Map<number, string>> {
    this.stored ??= new Map(
      (await listSeasons(this.db, this.leagueId))
        .filter((s) => s.sportmonksId !== null)
        .map((s) => [s.sportmonksId!, s.name]),
    );
    const out = new Map<number, string>();
    for (const f of fixtures) {
      if (f.seasonId <= 0 || out.has(f.seasonId)) continue;
      let name = this.stored.get(f.seasonId);
      if (name === undefined) {
        this.fetched ??= new Map(
          (await this.client.seasons(this.smLeagueId)).map((s) => [s.id, seasonName(s.name)]),
        );
        name = this.fetched.get(f.seasonId);
      }
      if (name) out.set(f.seasonId, name);
    }
    return out;
  }
}

/** The stored season of a fixture, upserted once per window and name (`cache`). */
async function seasonIdOf(
  tx: Db,
  leagueId: number,
  f: SmFixture,
  seasonNames: ReadonlyMap<number, string>,
  cache: Map<string, number>,
): Promise<number> {
  // A season SportMonks does not name gets the football-data name without the SportMonks id:
  // two such names (calendar-year leagues) must not claim one id.
  const smName = seasonNames.get(f.seasonId);
  const name = smName ?? seasonOf(f.startingAtUtc.slice(0, 10));
  let seasonId = cache.get(name);
  if (seasonId === undefined) {
    seasonId = (
      await upsertSeason(tx, {
        leagueId,
        name,
        ...(smName !== undefined ? { sportmonksId: f.seasonId } : {}),
      })
    ).id;
    cache.set(name, seasonId);
  }
  return seasonId;
}

async function writeWindow(
  tx: Db,
  league: { id: number; code: string },
  fixtures: readonly SmFixture[],
  odds: ReadonlyMap<number, SmOdds[]>,
  seasonNames: ReadonlyMap<number, string>,
  opts: LeagueRunOptions,
): Promise<{
  fixtures: SyncCounts;
  odds: SyncCounts;
  skipped: number;
  conflicts: string[];
  newTeams: string[];
}> {
  const teams = createTeamDirectory(tx, { source: 'sportmonks' });
  const seasonIds = new Map<string, number>();
  const fixtureOutcomes: UpsertOutcome[] = [];
  const oddsOutcomes: UpsertOutcome[] = [];
  const conflicts: string[] = [];
  let skipped = 0;
  for (const f of fixtures) {
    const kickoffDate = f.startingAtUtc.slice(0, 10);
    const seasonId = await seasonIdOf(tx, league.id, f, seasonNames, seasonIds);
    const homeTeamId = await teams.teamId(teamName(f.home), league.code, f.home.id);
    const awayTeamId = await teams.teamId(teamName(f.away), league.code, f.away.id);
    if (homeTeamId === awayTeamId) {
      skipped += 1;
      opts.logger?.warn('sportmonks sync: both sides resolve to one team, fixture skipped', {
        fixtureId: f.id,
        home: f.home.name,
        away: f.away.name,
      });
      continue;
    }
    const finished = f.state === 'finished';
    let fixture: { id: number; outcome: UpsertOutcome };
    try {
      fixture = await upsertFixtureBySportmonksId(tx, {
        leagueId: league.id,
        seasonId,
        kickoffAt: new Date(f.startingAtUtc),
        // The UTC date, as upsertFixture defaults to. football-data's UK dates agree with it for
        // every European kickoff (they differ only for kickoffs 23:00-24:00 UTC in summer), so CSV
        // rows are adopted; and `/fixtures/between` files the fixture under this date, so a
        // fixture's window and its stored date agree.
        kickoffDate,
        homeTeamId,
        awayTeamId,
        status: f.state,
        sportmonksId: f.id,
        source: 'sportmonks',
        // Results only for finished matches: a live score is not a result. A finished match
        // without a score keeps what another source stored.
        homeGoals: finished ? (f.homeGoals ?? undefined) : null,
        awayGoals: finished ? (f.awayGoals ?? undefined) : null,
        ...(finished && f.ht ? { htHomeGoals: f.ht.home, htAwayGoals: f.ht.away } : {}),
      });
    } catch (err) {
      // upsertCompared ran in a savepoint, so the window's transaction is still usable.
      if (!isUniqueViolation(err)) throw err;
      skipped += 1;
      const what = `${league.code}: ${f.home.name} v ${f.away.name} on ${kickoffDate} (SportMonks fixture ${f.id})`;
      conflicts.push(`${what}: another stored fixture has this league, date and teams`);
      opts.logger?.warn('sportmonks sync: fixture identity taken by another row, skipped', {
        fixtureId: f.id,
        kickoffDate,
      });
      continue;
    }
    fixtureOutcomes.push(fixture.outcome);
    if (f.state === 'scheduled') {
      const inputs = oddsInputsOf(odds.get(f.id) ?? [], opts.now(), opts.oddsMarkets);
      oddsOutcomes.push(...(await upsertFixtureOdds(tx, fixture.id, inputs)));
    }
  }
  return {
    fixtures: countOf(fixtureOutcomes),
    odds: countOf(oddsOutcomes),
    skipped,
    conflicts,
    newTeams: teams.newTeams(),
  };
}

/** Postgres and SQLite unique-key violations (as the repositories' upsert recognises them). */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** A participant without a name still needs one that aliases can hold. */
function teamName(t: { id: number; name: string }): string {
  return /[\p{L}\p{N}]/u.test(t.name) ? t.name : `SportMonks team ${t.id}`;
}
