// SportMonks Football API v3 client following sportmonks/CONTRACT.md: token in the raw
// Authorization header, `page`-based pagination, per-entity rate limits, typed errors.
import { redactSecrets } from '@scoreline/ops';
import { splitDateRange } from './date-range';
import {
  isRetryableSportmonksError,
  SportmonksAccessError,
  SportmonksAuthError,
  SportmonksError,
  SportmonksRateLimitError,
  SportmonksRequestError,
  SportmonksTransientError,
} from './errors';
import { mapFixture, mapLeague, mapOdds, mapSeason, mapTeam } from './mappers';
import { createBasicRetry, type RetryFn } from './retry';
import type { SmFixture, SmLeague, SmOdds, SmRateLimitState, SmSeason, SmTeam } from './types';

/** Logger shape accepted by the client (the ops package's logger fits). */
export interface SportmonksLogger {
  info(message: string, meta?: object): void;
  warn(message: string, meta?: object): void;
}

/** Options of {@link createSportmonksClient}. */
export interface SportmonksClientOptions {
  /** e.g. `https://api.sportmonks.com/v3/football` (no trailing slash needed). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Retry helper; defaults to 3 attempts with exponential back-off honouring `retryAfterMs`. */
  retry?: RetryFn;
  logger?: SportmonksLogger;
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
// A runaway `has_more: true` must not loop for ever.
const MAX_PAGES = 10_000;

interface Envelope {
  data?: unknown;
  pagination?: { has_more?: unknown; current_page?: unknown };
  rate_limit?: { remaining?: unknown; resets_in_seconds?: unknown; requested_entity?: unknown };
  message?: unknown;
  code?: unknown;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Creates a SportMonks client. The token is sent only in the Authorization header. */
export function createSportmonksClient(opts: SportmonksClientOptions): SportmonksClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const token = opts.token;
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const perPage = Math.min(50, Math.max(1, opts.perPage ?? 50));
  const maxRangeDays = opts.maxRangeDays ?? 100;
  const lowRemaining = opts.lowRemaining ?? 10;
  const maxPaceDelayMs = opts.maxPaceDelayMs ?? 60_000;
  const defaultRetryAfterMs = opts.defaultRetryAfterMs ?? 60_000;
  const logger = opts.logger;
  const redact = (s: string): string => redactSecrets(s, [token]);
  const retry: RetryFn =
    opts.retry ??
    createBasicRetry({
      sleep,
      onRetry: (name, attempt, delayMs, e) =>
        logger?.warn('sportmonks retry', {
          request: redact(name),
          attempt,
          delayMs,
          error: redact(e instanceof Error ? e.message : String(e)),
        }),
    });
  const limits = new Map<string, SmRateLimitState>();

  /** Waits before a call when the entity's budget is (nearly) spent, to avoid a 429. */
  async function pace(entity: string): Promise<void> {
    const state = limits.get(entity);
    if (!state) return;
    const untilReset = state.resetsAtMs - now();
    if (untilReset <= 0) {
      limits.delete(entity);
      return;
    }
    if (state.remaining > lowRemaining) return;
    const delay =
      state.remaining <= 0
        ? untilReset
        : Math.min(maxPaceDelayMs, Math.ceil(untilReset / state.remaining));
    logger?.warn('sportmonks rate limit low, slowing down', {
      entity,
      remaining: state.remaining,
      delayMs: delay,
    });
    await sleep(delay);
    if (state.remaining <= 0) limits.delete(entity);
  }

  function remember(entity: string, env: Envelope): void {
    const rl = env.rate_limit;
    if (!rl) return;
    const remaining = typeof rl.remaining === 'number' ? rl.remaining : null;
    const resets = typeof rl.resets_in_seconds === 'number' ? rl.resets_in_seconds : null;
    const name = typeof rl.requested_entity === 'string' ? rl.requested_entity : entity;
    if (remaining === null || resets === null) return;
    limits.set(name, { remaining, resetsAtMs: now() + resets * 1000 });
  }

  function messageOf(body: unknown): string {
    const m = typeof body === 'object' && body !== null ? (body as Envelope).message : undefined;
    return typeof m === 'string' ? redact(m).slice(0, 300) : '';
  }

  function errorFor(
    status: number,
    body: unknown,
    label: string,
    entity: string,
    retryAfterHeader: string | null,
  ): SportmonksError {
    const env = (typeof body === 'object' && body !== null ? body : {}) as Envelope;
    const code = typeof env.code === 'number' ? env.code : undefined;
    const detail = messageOf(body);
    const what = `SportMonks ${label}: HTTP ${status}${detail ? ` (${detail})` : ''}`;
    if (status === 401) {
      return new SportmonksAuthError(`${what}: the API token is missing or invalid`, {
        status,
        retryable: false,
      });
    }
    if (status === 429) {
      // CONTRACT.md §6: whether a 429 carries rate_limit or Retry-After is unknown; use what is
      // there, else the last window seen for this entity, else a default.
      const fromBody =
        typeof env.rate_limit?.resets_in_seconds === 'number'
          ? env.rate_limit.resets_in_seconds * 1000
          : undefined;
      const header = retryAfterHeader !== null ? Number(retryAfterHeader) * 1000 : NaN;
      const known = limits.get(entity);
      const fromState = known ? Math.max(0, known.resetsAtMs - now()) : undefined;
      const retryAfterMs =
        fromBody ??
        (Number.isFinite(header) ? header : undefined) ??
        fromState ??
        defaultRetryAfterMs;
      // The retry helper waits retryAfterMs; pacing must not wait a second time.
      limits.delete(entity);
      return new SportmonksRateLimitError(`${what}: rate limit for ${entity} reached`, {
        retryAfterMs,
        entity,
      });
    }
    if (status >= 500) return new SportmonksTransientError(what, { status, code, retryable: true });
    if (status === 403 || (code !== undefined && code >= 5000 && code <= 5013)) {
      return new SportmonksAccessError(`${what}: not allowed by the plan or the endpoint`, {
        status,
        code,
        retryable: false,
      });
    }
    return new SportmonksRequestError(what, { status, code, retryable: false });
  }

  /** One HTTP GET, parsed. Throws typed errors; the caller wraps it in retry. */
  async function getOnce(
    path: string,
    query: Record<string, string>,
    entity: string,
  ): Promise<Envelope> {
    await pace(entity);
    const qs = new URLSearchParams(query).toString();
    const url = `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
    const label = `GET ${path}`;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, {
        headers: { Authorization: token, Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (e) {
      const err = e as Error;
      const timeout = err.name === 'TimeoutError' || err.name === 'AbortError';
      // Never include the raw error: some runtimes put the URL (and so a query token) in it.
      throw new SportmonksTransientError(
        `SportMonks ${label}: ${timeout ? `timed out after ${timeoutMs} ms` : `network error (${redact(err.message)})`}`,
        { retryable: true },
      );
    }
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      if (res.ok || res.status >= 500) {
        throw new SportmonksTransientError(
          `SportMonks ${label}: malformed or truncated JSON (HTTP ${res.status}, ${text.length} bytes)`,
          { status: res.status, retryable: true },
        );
      }
      body = {};
    }
    if (!res.ok) throw errorFor(res.status, body, label, entity, res.headers.get('retry-after'));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new SportmonksTransientError(`SportMonks ${label}: response is not a JSON object`, {
        status: res.status,
        retryable: true,
      });
    }
    remember(entity, body);
    return body;
  }

  function get(path: string, query: Record<string, string>, entity: string): Promise<Envelope> {
    return retry(
      `sportmonks GET ${path}`,
      () => getOnce(path, query, entity),
      isRetryableSportmonksError,
    );
  }

  /** Follows `page` until `has_more` is false (CONTRACT.md §5: `next_page` is not followed). */
  async function getAll(
    path: string,
    query: Record<string, string>,
    entity: string,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const env = await get(
        path,
        { ...query, per_page: String(perPage), page: String(page) },
        entity,
      );
      const data = env.data;
      if (Array.isArray(data)) items.push(...(data as unknown[]));
      else if (data !== undefined && data !== null && !isEmptyObject(data)) {
        throw new SportmonksTransientError(`SportMonks GET ${path}: expected a list in data`, {
          retryable: false,
        });
      }
      if (env.pagination?.has_more !== true) return items;
    }
    throw new SportmonksRequestError(`SportMonks GET ${path}: more than ${MAX_PAGES} pages`, {
      retryable: false,
    });
  }

  /** Single-entity endpoints: absent data, `{}`, `[]` or `id: null` all mean "not found" (§5). */
  async function getOne(
    path: string,
    query: Record<string, string>,
    entity: string,
  ): Promise<unknown> {
    let env: Envelope;
    try {
      env = await get(path, query, entity);
    } catch (e) {
      if (e instanceof SportmonksRequestError && e.status === 404) return null;
      throw e;
    }
    const data = env.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    return (data as { id?: unknown }).id == null ? null : data;
  }

  function mapAll<T>(rows: unknown[], map: (r: unknown) => T | null, what: string): T[] {
    const out: T[] = [];
    const seen = new Set<unknown>();
    let skipped = 0;
    for (const row of rows) {
      const item = map(row);
      if (!item) {
        skipped++;
        continue;
      }
      // Pages can shift while data changes between calls: never return the same entity twice.
      const id = (item as { id?: unknown }).id;
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      out.push(item);
    }
    if (skipped > 0) logger?.warn(`sportmonks: skipped ${skipped} unusable ${what}`, { skipped });
    return out;
  }

  async function fixturesBetween(
    from: string,
    to: string,
    o: { leagueIds?: number[] } = {},
  ): Promise<SmFixture[]> {
    const leagueIds = o.leagueIds ?? [];
    const query: Record<string, string> = { include: FIXTURE_INCLUDE };
    if (leagueIds.length > 0) query.filters = `fixtureLeagues:${leagueIds.join(',')}`;
    const rows: unknown[] = [];
    for (const [start, end] of splitDateRange(from, to, maxRangeDays)) {
      rows.push(...(await getAll(`/fixtures/between/${start}/${end}`, query, 'Fixture')));
    }
    const wanted = new Set(leagueIds);
    const fixtures = mapAll(rows, mapFixture, 'fixtures').filter(
      (f) => wanted.size === 0 || wanted.has(f.leagueId),
    );
    logger?.info('sportmonks fixtures fetched', { from, to, leagueIds, count: fixtures.length });
    return fixtures;
  }

  async function preMatchOdds(
    fixtureId: number,
    o: { marketIds?: number[] } = {},
  ): Promise<SmOdds[]> {
    const env = await get(`/odds/pre-match/fixtures/${fixtureId}`, {}, 'Odd');
    const rows = Array.isArray(env.data) ? env.data : [];
    const markets = new Set(o.marketIds ?? []);
    return mapOdds(rows).filter((x) => markets.size === 0 || markets.has(x.marketId));
  }

  async function preMatchOddsForFixtures(
    fixtureIds: number[],
    o: { marketIds?: number[] } = {},
  ): Promise<Map<number, SmOdds[]>> {
    const out = new Map<number, SmOdds[]>();
    for (const id of new Set(fixtureIds)) out.set(id, await preMatchOdds(id, o));
    return out;
  }

  return {
    fixturesBetween,
    async fixture(id) {
      const raw = await getOne(`/fixtures/${id}`, { include: FIXTURE_INCLUDE }, 'Fixture');
      return raw === null ? null : mapFixture(raw);
    },
    preMatchOdds,
    preMatchOddsForFixtures,
    async upcomingWithOdds(from, to, o = {}) {
      const fixtures = (await fixturesBetween(from, to, o)).filter((f) => f.state === 'scheduled');
      const odds = await preMatchOddsForFixtures(
        fixtures.map((f) => f.id),
        o.marketIds ? { marketIds: o.marketIds } : {},
      );
      return fixtures.map((fixture) => ({ fixture, odds: odds.get(fixture.id) ?? [] }));
    },
    async leagues() {
      return mapAll(
        await getAll('/leagues', { include: 'currentSeason' }, 'League'),
        mapLeague,
        'leagues',
      );
    },
    async league(id) {
      const raw = await getOne(`/leagues/${id}`, { include: 'currentSeason' }, 'League');
      return raw === null ? null : mapLeague(raw);
    },
    async seasons(leagueId) {
      const raw = await getOne(`/leagues/${leagueId}`, { include: 'seasons' }, 'League');
      const seasons =
        raw !== null && Array.isArray((raw as { seasons?: unknown }).seasons)
          ? (raw as { seasons: unknown[] }).seasons
          : [];
      return mapAll(seasons, mapSeason, 'seasons');
    },
    async teamsOfSeason(seasonId) {
      return mapAll(await getAll(`/teams/seasons/${seasonId}`, {}, 'Team'), mapTeam, 'teams');
    },
    rateLimits: () => new Map(limits),
  };
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
