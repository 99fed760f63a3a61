// Raw SportMonks entities -> plain records. Defensive: unknown fields are ignored and missing
// ones become null rather than crashing a whole sync (CONTRACT.md §5: fields come and go).
import type { SmFixture, SmFixtureState, SmLeague, SmOdds, SmSeason, SmTeam } from './types';

type Raw = Record<string, unknown>;

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

// CONTRACT.md §9. Completed: 5 FT, 7 AET, 8 FT_PEN, 17 AWARDED (and 14 walk-over, settled too).
const FINISHED = new Set([5, 7, 8, 14, 17]);
const SCHEDULED = new Set([1, 13, 16]); // NS, TBA, DELAYED: not started yet
const LIVE = new Set([2, 3, 4, 6, 9, 11, 18, 19, 21, 22, 23, 25, 26]);
const CANCELLED = new Set([12, 15, 20]); // CANCELLED, ABANDONED, DELETED

/**
 * Reduces a `state_id` to the five states the bot acts on. Unknown ids count as `live`: neither
 * predicted (not scheduled) nor settled (not finished) until someone looks at them.
 */
export function mapState(stateId: number): SmFixtureState {
  if (FINISHED.has(stateId)) return 'finished';
  if (SCHEDULED.has(stateId)) return 'scheduled';
  if (stateId === 10) return 'postponed';
  if (CANCELLED.has(stateId)) return 'cancelled';
  if (LIVE.has(stateId)) return 'live';
  return 'live';
}

function startingAtUtc(raw: Raw): string | null {
  const ts = num(raw.starting_at_timestamp);
  if (ts !== null) return new Date(ts * 1000).toISOString();
  // `starting_at` is UTC without a zone marker; parsing it bare would use local time.
  const s = str(raw.starting_at);
  if (s && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(s)) {
    return new Date(`${s.replace(' ', 'T')}Z`).toISOString();
  }
  return null;
}

function scorePair(scores: Raw[], description: string): { home: number; away: number } | null {
  let home: number | null = null;
  let away: number | null = null;
  for (const s of scores) {
    if (s.description !== description || !isObj(s.score)) continue;
    const goals = num(s.score.goals);
    if (s.score.participant === 'home') home = goals;
    else if (s.score.participant === 'away') away = goals;
  }
  return home !== null && away !== null ? { home, away } : null;
}

/** Maps a fixture with `participants;scores;state` included; null when it lacks its teams. */
export function mapFixture(raw: unknown): SmFixture | null {
  if (!isObj(raw)) return null;
  const id = num(raw.id);
  const participants = Array.isArray(raw.participants) ? raw.participants.filter(isObj) : [];
  // Participants are not in home-first order: use meta.location (CONTRACT.md §8).
  const side = (loc: string) => participants.find((p) => isObj(p.meta) && p.meta.location === loc);
  const home = side('home');
  const away = side('away');
  const start = startingAtUtc(raw);
  const stateId = num(raw.state_id) ?? (isObj(raw.state) ? num(raw.state.id) : null);
  if (id === null || !home || !away || start === null || stateId === null) return null;
  const homeId = num(home.id);
  const awayId = num(away.id);
  if (homeId === null || awayId === null) return null;

  const state = mapState(stateId);
  const scores = Array.isArray(raw.scores) ? raw.scores.filter(isObj) : [];
  const current = scorePair(scores, 'CURRENT');
  const fullTime = scorePair(scores, '2ND_HALF');
  const goals = state === 'finished' ? (fullTime ?? current) : state === 'live' ? current : null;
  const fixture: SmFixture = {
    id,
    leagueId: num(raw.league_id) ?? 0,
    seasonId: num(raw.season_id) ?? 0,
    startingAtUtc: start,
    home: { id: homeId, name: str(home.name) ?? '' },
    away: { id: awayId, name: str(away.name) ?? '' },
    state,
    stateId,
    homeGoals: goals?.home ?? null,
    awayGoals: goals?.away ?? null,
  };
  const ht = scorePair(scores, '1ST_HALF');
  if (ht && state !== 'scheduled') fixture.ht = ht;
  return fixture;
}

const OUTCOME: Record<string, 'home' | 'draw' | 'away'> = {
  home: 'home',
  '1': 'home',
  draw: 'draw',
  x: 'draw',
  away: 'away',
  '2': 'away',
};

/** Groups raw pre-match odd rows into one record per (fixture, bookmaker, market). */
export function mapOdds(rows: unknown[]): SmOdds[] {
  const byKey = new Map<string, SmOdds>();
  for (const raw of rows) {
    if (!isObj(raw)) continue;
    const fixtureId = num(raw.fixture_id);
    const bookmakerId = num(raw.bookmaker_id);
    const marketId = num(raw.market_id);
    // `value` is a decimal price sent as a string ("2.10").
    const value = Number(str(raw.value) ?? num(raw.value) ?? NaN);
    const label = str(raw.label) ?? str(raw.name) ?? '';
    if (fixtureId === null || bookmakerId === null || marketId === null) continue;
    if (!Number.isFinite(value) || value <= 1) continue;
    const key = `${fixtureId}|${bookmakerId}|${marketId}`;
    let odds = byKey.get(key);
    if (!odds) {
      odds = {
        fixtureId,
        bookmakerId,
        marketId,
        market: marketId === 1 ? '1x2' : 'other',
        prices: {},
        selections: [],
        updatedAt: null,
      };
      byKey.set(key, odds);
    }
    odds.selections.push({
      label,
      value,
      total: str(raw.total),
      handicap: str(raw.handicap),
    });
    if (marketId === 1) {
      const outcome = OUTCOME[label.trim().toLowerCase()];
      if (outcome) odds.prices[outcome] = value;
    }
    const updated = str(raw.latest_bookmaker_update) ?? str(raw.updated_at);
    if (updated && (odds.updatedAt === null || updated > odds.updatedAt)) odds.updatedAt = updated;
  }
  return [...byKey.values()];
}

/** Maps a league, with `currentSeason` optionally included. */
export function mapLeague(raw: unknown): SmLeague | null {
  if (!isObj(raw)) return null;
  const id = num(raw.id);
  if (id === null) return null;
  const current = isObj(raw.currentseason)
    ? raw.currentseason
    : isObj(raw.currentSeason)
      ? raw.currentSeason
      : null;
  return {
    id,
    name: str(raw.name) ?? '',
    countryId: num(raw.country_id),
    shortCode: str(raw.short_code),
    active: raw.active === true,
    currentSeasonId: current ? num(current.id) : null,
  };
}

/** Maps a season. */
export function mapSeason(raw: unknown): SmSeason | null {
  if (!isObj(raw)) return null;
  const id = num(raw.id);
  if (id === null) return null;
  return {
    id,
    leagueId: num(raw.league_id) ?? 0,
    name: str(raw.name) ?? '',
    isCurrent: raw.is_current === true,
    startingAt: str(raw.starting_at),
    endingAt: str(raw.ending_at),
  };
}

/** Maps a team. */
export function mapTeam(raw: unknown): SmTeam | null {
  if (!isObj(raw)) return null;
  const id = num(raw.id);
  if (id === null) return null;
  return {
    id,
    name: str(raw.name) ?? '',
    shortCode: str(raw.short_code),
    countryId: num(raw.country_id),
  };
}
