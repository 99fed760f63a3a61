// TEST SUPPORT: a local HTTP server that behaves like SportMonks Football API v3 as described in
// sportmonks/CONTRACT.md, with fault injection. Lives in src so other packages' tests can reuse it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fixture to serve, in plain terms; the server renders the raw SportMonks shape. */
export interface FakeFixtureInput {
  id: number;
  leagueId: number;
  seasonId: number;
  /** UTC `YYYY-MM-DD HH:MM:SS` or ISO; stored as SportMonks `starting_at`. */
  startingAtUtc: string;
  home: { id: number; name: string };
  away: { id: number; name: string };
  /** SportMonks state id (1 NS, 5 FT, 10 postponed, …). */
  stateId: number;
  homeGoals?: number | null;
  awayGoals?: number | null;
  ht?: { home: number; away: number };
}

/** A pre-match odd row to serve (raw shape, minimal fields). */
export interface FakeOddInput {
  fixtureId: number;
  bookmakerId: number;
  marketId: number;
  label: string;
  value: string;
  total?: string | null;
  handicap?: string | null;
  updatedAt?: string;
}

/** One injected failure, consumed by the next matching request(s). */
export type FakeFault =
  | { kind: 'status'; status: number; body?: unknown }
  | {
      kind: 'rate-limit';
      resetsInSeconds: number;
      /** Put a `rate_limit` block in the 429 body (unknown in reality; configurable). */
      withRateLimitBlock?: boolean;
      /** Send a `Retry-After` header. */
      retryAfterHeader?: boolean;
    }
  | { kind: 'truncated' }
  | { kind: 'delay'; ms: number }
  | { kind: 'include-error'; status?: number; code?: number; include?: string };

/** A request as the server saw it. */
export interface FakeRequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The Authorization header as received (tests assert on the transport, not the value). */
  authorization: string | undefined;
  status: number;
}

/** Options of {@link startFakeSportmonksServer}. */
export interface FakeSportmonksOptions {
  token: string;
  fixtures?: FakeFixtureInput[];
  odds?: FakeOddInput[];
  leagues?: Array<{ id: number; name: string; countryId?: number; currentSeasonId?: number }>;
  seasons?: Array<{ id: number; leagueId: number; name: string; isCurrent?: boolean }>;
  teams?: Array<{ id: number; name: string; seasonIds: number[] }>;
  /** Longest accepted `/fixtures/between` range, counted in inclusive days (default 100). */
  maxRangeDays?: number;
  /** Calls per entity before automatic 429s (default 3000). */
  limitPerEntity?: number;
  /** `resets_in_seconds` reported in every `rate_limit` block (default 3600). */
  resetsInSeconds?: number;
  /** HTTP status for include errors (5001 unknown include). Unknown in reality: default 400. */
  includeErrorStatus?: number;
}

/** A running fake server. */
export interface FakeSportmonksServer {
  /** `http://127.0.0.1:<port>/v3/football` */
  baseUrl: string;
  requests: FakeRequestRecord[];
  /** Queues a fault for the next `times` requests whose path matches `path` (default: any). */
  inject(fault: FakeFault, opts?: { times?: number; path?: RegExp }): void;
  /** Overrides the remaining budget of an entity (e.g. to make it low). */
  setRemaining(entity: string, remaining: number): void;
  close(): Promise<void>;
}

const PREFIX = '/v3/football';
const SUBSCRIPTION = [
  {
    meta: [],
    plans: [{ plan: 'Football Free Plan', sport: 'Football', category: 'Standard' }],
    add_ons: [],
    widgets: [],
  },
];
const NO_RESULTS =
  "No result(s) found matching your request. Either the query did not return any results or you don't have access to it via your current subscription.";
const KNOWN_INCLUDES: Record<string, string[]> = {
  Fixture: ['participants', 'scores', 'state', 'league', 'odds'],
  League: ['currentseason', 'seasons', 'country'],
  Team: [],
  Odd: [],
};
const STATE_NAMES: Record<number, string> = {
  1: 'NS',
  2: 'INPLAY_1ST_HALF',
  3: 'HT',
  5: 'FT',
  7: 'AET',
  8: 'FT_PEN',
  10: 'POSTPONED',
  12: 'CANCELLED',
  15: 'ABANDONED',
  22: 'INPLAY_2ND_HALF',
};

function toStartingAt(s: string): string {
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?/.exec(s);
  if (!iso) throw new Error(`fake server: bad startingAtUtc ${s}`);
  return `${iso[1]} ${iso[2]}:${iso[3] ?? '00'}`;
}

function renderFixture(f: FakeFixtureInput, includes: Set<string>): Record<string, unknown> {
  const startingAt = toStartingAt(f.startingAtUtc);
  const out: Record<string, unknown> = {
    id: f.id,
    sport_id: 1,
    league_id: f.leagueId,
    season_id: f.seasonId,
    state_id: f.stateId,
    name: `${f.home.name} vs ${f.away.name}`,
    starting_at: startingAt,
    length: 90,
    placeholder: false,
    has_odds: true,
    starting_at_timestamp: Date.parse(`${startingAt.replace(' ', 'T')}Z`) / 1000,
  };
  const finished = [5, 7, 8].includes(f.stateId);
  const winner = (mine?: number | null, theirs?: number | null): boolean | null =>
    !finished || mine == null || theirs == null ? null : mine > theirs;
  if (includes.has('participants')) {
    // Away first on purpose: real responses do not list home first (CONTRACT.md §8).
    out.participants = [
      {
        ...f.away,
        sport_id: 1,
        meta: { location: 'away', winner: winner(f.awayGoals, f.homeGoals), position: null },
      },
      {
        ...f.home,
        sport_id: 1,
        meta: { location: 'home', winner: winner(f.homeGoals, f.awayGoals), position: null },
      },
    ];
  }
  if (includes.has('scores')) {
    const scores: unknown[] = [];
    let n = f.id * 10;
    const add = (typeId: number, description: string, home: number, away: number) => {
      scores.push({
        id: n++,
        fixture_id: f.id,
        type_id: typeId,
        participant_id: f.away.id,
        score: { goals: away, participant: 'away' },
        description,
      });
      scores.push({
        id: n++,
        fixture_id: f.id,
        type_id: typeId,
        participant_id: f.home.id,
        score: { goals: home, participant: 'home' },
        description,
      });
    };
    if (f.ht) add(1, '1ST_HALF', f.ht.home, f.ht.away);
    if (f.homeGoals != null && f.awayGoals != null) {
      if (finished) add(2, '2ND_HALF', f.homeGoals, f.awayGoals);
      add(1525, 'CURRENT', f.homeGoals, f.awayGoals);
    }
    out.scores = scores;
  }
  if (includes.has('state')) {
    const name = STATE_NAMES[f.stateId] ?? `STATE_${f.stateId}`;
    out.state = { id: f.stateId, state: name, name, short_name: name, developer_name: name };
  }
  if (includes.has('league'))
    out.league = { id: f.leagueId, sport_id: 1, name: `League ${f.leagueId}` };
  return out;
}

const DAY_MS = 86_400_000;

/**
 * Starts the fake on 127.0.0.1 with a free port. Authenticates by the raw `Authorization` header or
 * `api_token`, paginates with `page`/`per_page` (max 50, `has_more`), reports `rate_limit` per entity,
 * enforces the `/fixtures/between` range limit, answers "no results" as 200 without `data`.
 */
export async function startFakeSportmonksServer(
  opts: FakeSportmonksOptions,
): Promise<FakeSportmonksServer> {
  const fixtures = [...(opts.fixtures ?? [])].sort(
    (a, b) =>
      toStartingAt(a.startingAtUtc).localeCompare(toStartingAt(b.startingAtUtc)) || a.id - b.id,
  );
  const odds = opts.odds ?? [];
  const maxRangeDays = opts.maxRangeDays ?? 100;
  const limit = opts.limitPerEntity ?? 3000;
  const resets = opts.resetsInSeconds ?? 3600;
  const remaining = new Map<string, number>();
  const faults: Array<{ fault: FakeFault; times: number; path?: RegExp }> = [];
  const requests: FakeRequestRecord[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const entityOf = (path: string): string =>
    path.startsWith('/odds')
      ? 'Odd'
      : path.startsWith('/leagues')
        ? 'League'
        : path.startsWith('/teams')
          ? 'Team'
          : path.startsWith('/seasons')
            ? 'Season'
            : 'Fixture';

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
    const auth = req.headers.authorization;
    const record: FakeRequestRecord = {
      method: req.method ?? 'GET',
      path,
      query,
      authorization: auth,
      status: 0,
    };
    requests.push(record);
    const send = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
      raw?: string,
    ) => {
      record.status = status;
      const text = raw ?? JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    };

    const faultIndex = faults.findIndex((f) => !f.path || f.path.test(path));
    let fault: FakeFault | undefined;
    if (faultIndex >= 0) {
      const entry = faults[faultIndex]!;
      fault = entry.fault;
      if (--entry.times <= 0) faults.splice(faultIndex, 1);
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (res.destroyed) return;

    if ((auth ?? query.api_token) !== opts.token) return send(401, { message: 'Unauthenticated.' });
    if (!url.pathname.startsWith(PREFIX))
      return send(404, { message: 'The requested endpoint does not exist' });

    const entity = entityOf(path);
    const rateLimitBlock = () => ({
      resets_in_seconds: resets,
      remaining: remaining.get(entity) ?? limit,
      requested_entity: entity,
    });
    if (fault?.kind === 'status')
      return send(fault.status, fault.body ?? { message: 'Server Error' });
    if (fault?.kind === 'rate-limit' || (remaining.get(entity) ?? limit) <= 0) {
      const seconds = fault?.kind === 'rate-limit' ? fault.resetsInSeconds : resets;
      const body: Record<string, unknown> = {
        message: 'You have reached your rate limit',
        link: 'https://docs.sportmonks.com/football/api/response-codes/other-exceptions',
        reset_code: '5f2c0e9a1b7d4c3e8a6f0b1d2c3e4f5a',
      };
      if (fault?.kind === 'rate-limit' && fault.withRateLimitBlock) {
        body.rate_limit = { resets_in_seconds: seconds, remaining: 0, requested_entity: entity };
      }
      const headers: Record<string, string> =
        fault?.kind === 'rate-limit' && fault.retryAfterHeader
          ? { 'retry-after': String(seconds) }
          : {};
      return send(429, body, headers);
    }
    if (fault?.kind === 'include-error') {
      const status = fault.status ?? 403;
      return send(status, {
        message: `You do not have access to the '${fault.include ?? 'odds'}' include`,
        code: fault.code ?? 5002,
        link: 'https://docs.sportmonks.com/football/api/response-codes/other-exceptions',
      });
    }

    const includes = new Set(
      (query.include ?? '')
        .split(';')
        .map((s) => s.split(':')[0]!.trim().toLowerCase())
        .filter(Boolean),
    );
    for (const inc of includes) {
      if (!(KNOWN_INCLUDES[entity] ?? []).includes(inc)) {
        return send(opts.includeErrorStatus ?? 400, {
          message: `Requested include '${inc}' does not exist.`,
          code: 5001,
          link: 'https://docs.sportmonks.com/football/api/error-codes/include-exceptions',
        });
      }
    }
    remaining.set(entity, (remaining.get(entity) ?? limit) - 1);

    const envelope = (extra: Record<string, unknown>) => ({
      ...extra,
      subscription: SUBSCRIPTION,
      rate_limit: rateLimitBlock(),
      timezone: 'UTC',
    });
    const sendBody = (body: unknown) => {
      if (fault?.kind === 'truncated') {
        const text = JSON.stringify(body);
        return send(200, null, {}, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      }
      return send(200, body);
    };
    const page = (items: unknown[]) => {
      const perPage = Math.min(50, Math.max(1, Number(query.per_page ?? 25) || 25));
      const current = Math.max(1, Number(query.page ?? 1) || 1);
      const slice = items.slice((current - 1) * perPage, current * perPage);
      if (slice.length === 0 && current > 1) {
        return send(400, { message: 'The requested page does not exist.', code: 5003 });
      }
      if (slice.length === 0) return sendBody(envelope({ message: NO_RESULTS }));
      const hasMore = current * perPage < items.length;
      return sendBody(
        envelope({
          data: slice,
          pagination: {
            count: slice.length,
            per_page: perPage,
            current_page: current,
            next_page: hasMore ? `${PREFIX}${path}?page=${current + 1}` : null,
            has_more: hasMore,
          },
        }),
      );
    };
    const single = (item: unknown) =>
      sendBody(item === undefined ? envelope({ message: NO_RESULTS }) : envelope({ data: item }));

    let m: RegExpExecArray | null;
    if ((m = /^\/fixtures\/between\/(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(path))) {
      const start = Date.parse(`${m[1]}T00:00:00Z`);
      const end = Date.parse(`${m[2]}T00:00:00Z`);
      if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
        return send(400, { message: 'Invalid date range.' });
      }
      if ((end - start) / DAY_MS + 1 > maxRangeDays) {
        return send(400, { message: `The requested date range exceeds ${maxRangeDays} days.` });
      }
      const leagueFilter = /(?:^|;)fixtureLeagues:([\d,]+)/.exec(query.filters ?? '');
      const leagues = leagueFilter ? new Set(leagueFilter[1]!.split(',').map(Number)) : null;
      const items = fixtures
        .filter((f) => {
          const day = Date.parse(`${toStartingAt(f.startingAtUtc).slice(0, 10)}T00:00:00Z`);
          return day >= start && day <= end && (!leagues || leagues.has(f.leagueId));
        })
        .map((f) => renderFixture(f, includes));
      return page(items);
    }
    if ((m = /^\/fixtures\/(\d+)$/.exec(path))) {
      const f = fixtures.find((x) => x.id === Number(m![1]));
      return single(f && renderFixture(f, includes));
    }
    if ((m = /^\/odds\/pre-match\/fixtures\/(\d+)$/.exec(path))) {
      const id = Number(m[1]);
      const rows = odds
        .filter((o) => o.fixtureId === id)
        .map((o, i) => ({
          id: id * 1000 + i,
          fixture_id: o.fixtureId,
          market_id: o.marketId,
          bookmaker_id: o.bookmakerId,
          label: o.label,
          value: o.value,
          name: o.label,
          total: o.total ?? null,
          handicap: o.handicap ?? null,
          stopped: false,
          latest_bookmaker_update: o.updatedAt ?? '2025-03-01 10:00:00',
        }));
      return sendBody(rows.length ? envelope({ data: rows }) : envelope({ message: NO_RESULTS }));
    }
    if (path === '/leagues') {
      return page((opts.leagues ?? []).map((l) => renderLeague(l, includes)));
    }
    if ((m = /^\/leagues\/(\d+)$/.exec(path))) {
      const l = (opts.leagues ?? []).find((x) => x.id === Number(m![1]));
      return single(l && renderLeague(l, includes));
    }
    if ((m = /^\/teams\/seasons\/(\d+)$/.exec(path))) {
      const seasonId = Number(m[1]);
      return page(
        (opts.teams ?? [])
          .filter((t) => t.seasonIds.includes(seasonId))
          .map((t) => ({
            id: t.id,
            sport_id: 1,
            name: t.name,
            short_code: t.name.slice(0, 3).toUpperCase(),
            country_id: 1,
          })),
      );
    }
    return send(404, { message: 'The requested endpoint does not exist' });
  }

  function renderLeague(
    l: NonNullable<FakeSportmonksOptions['leagues']>[number],
    includes: Set<string>,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: l.id,
      sport_id: 1,
      country_id: l.countryId ?? null,
      name: l.name,
      active: true,
      short_code: null,
      type: 'league',
    };
    const seasons = (opts.seasons ?? []).filter((s) => s.leagueId === l.id);
    const toRaw = (s: (typeof seasons)[number]) => ({
      id: s.id,
      league_id: s.leagueId,
      name: s.name,
      is_current: s.isCurrent ?? false,
      starting_at: null,
      ending_at: null,
    });
    if (includes.has('currentseason')) {
      const current =
        seasons.find((s) => s.id === l.currentSeasonId) ?? seasons.find((s) => s.isCurrent);
      out.currentseason = current ? toRaw(current) : null;
    }
    if (includes.has('seasons')) out.seasons = seasons.map(toRaw);
    return out;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${PREFIX}`,
    requests,
    inject(fault, o = {}) {
      faults.push({ fault, times: o.times ?? 1, ...(o.path ? { path: o.path } : {}) });
    },
    setRemaining(entity, n) {
      remaining.set(entity, n);
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve, reject) =>
        server.close((e) => (e ? reject(e) : resolve())),
      );
    },
  };
}
