// SportMonks Football API v3 client following sportmonks/CONTRACT.md: token in the raw
// Authorization header, `page`-based pagination, per-entity rate limits, typed errors.
// The factory only wires named steps: rate-limits.ts (pacing, 429 waits), request.ts (one GET:
// send, parse, typed errors, retry), paging.ts (pages, single entities, row mapping).
import { redactSecrets, type Logger } from '@scoreline/ops';
import { splitDateRange } from './date-range';
import { mapFixture, mapLeague, mapOdds, mapSeason, mapTeam } from './mappers';
import { getAllPages, getOneOrNull, mapAll } from './paging';
import { createRateLimits, type RateLimits } from './rate-limits';
import { createRequester, type Get } from './request';
import { createOpsRetry, DEFAULT_CLIENT_RETRY, type RetryFn } from './sync-retry';
import type { SmFixture, SmLeague, SmOdds, SmRateLimitState, SmSeason, SmTeam } from './types';

/** Options of {@link createSportmonksClient}. */
export interface SportmonksClientOptions {
  /** e.g. `https://api.sportmonks.com/v3/football` (no trailing slash needed). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Retry helper; defaults to the ops retry with 3 attempts (500 ms, then 1 s) honouring
   * `retryAfterMs`.
   */
  retry?: RetryFn;
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Clock for rate-limit windows (ms). */
  now?: () => number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Page size, at most 50 (default 50: fewer calls against the hourly budget). */
  perPage?: number;
  /** Longest `/fixtures/between` range in days (default 100). */
  maxRangeDays?: number;
  /** Below this many remaining calls in an entity's window, calls are spread out (default 10). */
  lowRemaining?: number;
  /** Upper bound of one pacing pause (default 60 s). */
  maxPaceDelayMs?: number;
  /** Fallback wait after a 429 when nothing says when the window resets (default 60 s). */
  defaultRetryAfterMs?: number;
}

/** The client's operations. */
export interface SportmonksClient {
  /** Fixtures (with results and state) between two dates inclusive, any range length. */
  fixturesBetween(from: string, to: string, opts?: { leagueIds?: number[] }): Promise<SmFixture[]>;
  /** One fixture, or null when SportMonks has no such fixture (or not in the plan). */
  fixture(id: number): Promise<SmFixture | null>;
  /** Pre-match odds of one fixture; `marketIds` narrows the markets client-side. */
  preMatchOdds(fixtureId: number, opts?: { marketIds?: number[] }): Promise<SmOdds[]>;
  /** Pre-match odds for several fixtures (one call each), keyed by fixture id. */
  preMatchOddsForFixtures(
    fixtureIds: number[],
    opts?: { marketIds?: number[] },
  ): Promise<Map<number, SmOdds[]>>;
  /** Scheduled fixtures between two dates together with their pre-match odds. */
  upcomingWithOdds(
    from: string,
    to: string,
    opts?: { leagueIds?: number[]; marketIds?: number[] },
  ): Promise<Array<{ fixture: SmFixture; odds: SmOdds[] }>>;
  /** All leagues the plan can see. */
  leagues(): Promise<SmLeague[]>;
  /** One league with its current season id, or null. */
  league(id: number): Promise<SmLeague | null>;
  /** Seasons of a league. */
  seasons(leagueId: number): Promise<SmSeason[]>;
  /** Teams of a season. */
  teamsOfSeason(seasonId: number): Promise<SmTeam[]>;
  /** Last seen rate-limit state per entity (`Fixture`, `Odd`, …). */
  rateLimits(): ReadonlyMap<string, SmRateLimitState>;
}

const FIXTURE_INCLUDE = 'participants;scores;state;league';

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What the operations share once the options are resolved. */
interface ClientCore {
  get: Get;
  perPage: number;
  maxRangeDays: number;
  logger: Pick<Logger, 'info' | 'warn'> | undefined;
  limits: RateLimits;
}

/** Creates a SportMonks client. The token is sent only in the Authorization header. */
export function createSportmonksClient(opts: SportmonksClientOptions): SportmonksClient {
  const sleep = opts.sleep ?? defaultSleep;
  const logger = opts.logger;
  const redact = (s: string): string => redactSecrets(s, [opts.token]);
  const limits = createRateLimits({
    now: opts.now ?? Date.now,
    sleep,
    lowRemaining: opts.lowRemaining ?? 10,
    maxPaceDelayMs: opts.maxPaceDelayMs ?? 60_000,
    defaultRetryAfterMs: opts.defaultRetryAfterMs ?? 60_000,
    onSlowDown: (entity, remaining, delayMs) =>
      logger?.warn('sportmonks rate limit low, slowing down', { entity, remaining, delayMs }),
  });
  const get = createRequester({
    baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    token: opts.token,
    fetch: opts.fetch ?? fetch,
    timeoutMs: opts.timeoutMs ?? 30_000,
    limits,
    retry: opts.retry ?? defaultRetry(sleep, logger),
    redact,
  });
  return operations({
    get,
    perPage: Math.min(50, Math.max(1, opts.perPage ?? 50)),
    maxRangeDays: opts.maxRangeDays ?? 100,
    logger,
    limits,
  });
}

/** The ops retry with the client's own timing; its log lines go to the client's logger. */
function defaultRetry(
  sleep: (ms: number) => Promise<void>,
  logger: Pick<Logger, 'info' | 'warn'> | undefined,
): RetryFn {
  // The client's logger has no error level: giving up is a warning like each retry.
  const retryLogger: Pick<Logger, 'warn' | 'error'> | undefined = logger && {
    warn: (msg, meta) => logger.warn(msg, meta),
    error: (msg, meta) => logger.warn(msg, meta),
  };
  return createOpsRetry(DEFAULT_CLIENT_RETRY, { sleep, jitter: 0, logger: retryLogger });
}

function mapRows<T>(
  core: ClientCore,
  rows: unknown[],
  map: (r: unknown) => T | null,
  what: string,
) {
  return mapAll(rows, map, (skipped) =>
    core.logger?.warn(`sportmonks: skipped ${skipped} unusable ${what}`, { skipped }),
  );
}

async function fixturesBetween(
  core: ClientCore,
  from: string,
  to: string,
  o: { leagueIds?: number[] } = {},
): Promise<SmFixture[]> {
  const leagueIds = o.leagueIds ?? [];
  const query: Record<string, string> = { include: FIXTURE_INCLUDE };
  if (leagueIds.length > 0) query.filters = `fixtureLeagues:${leagueIds.join(',')}`;
  const rows: unknown[] = [];
  for (const [start, end] of splitDateRange(from, to, core.maxRangeDays)) {
    const path = `/fixtures/between/${start}/${end}`;
    rows.push(...(await getAllPages(core.get, core.perPage, path, query, 'Fixture')));
  }
  const wanted = new Set(leagueIds);
  const fixtures = mapRows(core, rows, mapFixture, 'fixtures').filter(
    (f) => wanted.size === 0 || wanted.has(f.leagueId),
  );
  core.logger?.info('sportmonks fixtures fetched', { from, to, leagueIds, count: fixtures.length });
  return fixtures;
}

async function preMatchOdds(
  core: ClientCore,
  fixtureId: number,
  o: { marketIds?: number[] } = {},
): Promise<SmOdds[]> {
  const env = await core.get(`/odds/pre-match/fixtures/${fixtureId}`, {}, 'Odd');
  const rows = Array.isArray(env.data) ? env.data : [];
  const markets = new Set(o.marketIds ?? []);
  return mapOdds(rows).filter((x) => markets.size === 0 || markets.has(x.marketId));
}

async function preMatchOddsForFixtures(
  core: ClientCore,
  fixtureIds: number[],
  o: { marketIds?: number[] } = {},
): Promise<Map<number, SmOdds[]>> {
  const out = new Map<number, SmOdds[]>();
  for (const id of new Set(fixtureIds)) out.set(id, await preMatchOdds(core, id, o));
  return out;
}

/** The client's operations over the shared core. */
function operations(core: ClientCore): SportmonksClient {
  const { get, perPage } = core;
  return {
    fixturesBetween: (from, to, o) => fixturesBetween(core, from, to, o),
    async fixture(id) {
      const raw = await getOneOrNull(
        get,
        `/fixtures/${id}`,
        { include: FIXTURE_INCLUDE },
        'Fixture',
      );
      return raw === null ? null : mapFixture(raw);
    },
    preMatchOdds: (fixtureId, o) => preMatchOdds(core, fixtureId, o),
    preMatchOddsForFixtures: (ids, o) => preMatchOddsForFixtures(core, ids, o),
    async upcomingWithOdds(from, to, o = {}) {
      const fixtures = (await fixturesBetween(core, from, to, o)).filter(
        (f) => f.state === 'scheduled',
      );
      const odds = await preMatchOddsForFixtures(
        core,
        fixtures.map((f) => f.id),
        o.marketIds ? { marketIds: o.marketIds } : {},
      );
      return fixtures.map((fixture) => ({ fixture, odds: odds.get(fixture.id) ?? [] }));
    },
    async leagues() {
      const rows = await getAllPages(
        get,
        perPage,
        '/leagues',
        { include: 'currentSeason' },
        'League',
      );
      return mapRows(core, rows, mapLeague, 'leagues');
    },
    async league(id) {
      const raw = await getOneOrNull(get, `/leagues/${id}`, { include: 'currentSeason' }, 'League');
      return raw === null ? null : mapLeague(raw);
    },
    async seasons(leagueId) {
      const raw = await getOneOrNull(get, `/leagues/${leagueId}`, { include: 'seasons' }, 'League');
      const seasons =
        raw !== null && Array.isArray((raw as { seasons?: unknown }).seasons)
          ? (raw as { seasons: unknown[] }).seasons
          : [];
      return mapRows(core, seasons, mapSeason, 'seasons');
    },
    async teamsOfSeason(seasonId) {
      const rows = await getAllPages(get, perPage, `/teams/seasons/${seasonId}`, {}, 'Team');
      return mapRows(core, rows, mapTeam, 'teams');
    },
    rateLimits: () => core.limits.snapshot(),
  };
}
