// A made-up league for the sandbox, so that a laptop with no data files still has history to
// train on and fixtures to ask about. Pure: the same seed gives the same clubs' strengths and
// results; `now` only places the calendar (the last round a few days ago, the next ones ahead).
//
// Goals are Poisson(exp(base + attack − opponent's defence ± home advantage)), the model the bot
// itself fits, so the trained model has something real to find.
//
// Every match also gets a simulated bookmaker's prices (SIMULATED_BOOKMAKER): the match's true
// probabilities, blurred by seeded noise (a bookmaker does not know them either) and marked up
// by a margin, so /value and /compare have a market to measure the model against.
import { computeMarkets, scoreMatrixFromRates } from '@scoreline/model';
import { binomial, mulberry32, normal, poisson, type Random } from './rng';

/** A code no real competition uses, so simulated data can never pass for real data. */
export const SIMULATED_LEAGUE = { code: 'SIM', name: 'Simulated League (sandbox)' } as const;
export const DEFAULT_SEED = 20240817;
/** The bookmaker name on every simulated price, so no one takes it for a real book's. */
export const SIMULATED_BOOKMAKER = 'Simulated';

/** Made-up clubs (English and Russian names); first words are unique, so "Northbridge" is enough. */
export const SIMULATED_CLUBS: ReadonlyArray<{ name: string; ru: string }> = [
  { name: 'Northbridge Rovers', ru: 'Нортбридж Роверс' },
  { name: 'Kingsport United', ru: 'Кингспорт Юнайтед' },
  { name: 'Eastmoor Athletic', ru: 'Истмур Атлетик' },
  { name: 'Ashford Vale', ru: 'Эшфорд Вейл' },
  { name: 'Redcliffe Town', ru: 'Редклифф Таун' },
  { name: 'Harbourside City', ru: 'Харборсайд Сити' },
  { name: 'Millbrook Wanderers', ru: 'Миллбрук Уондерерс' },
  { name: 'Stonegate Albion', ru: 'Стоунгейт Альбион' },
  { name: 'Westfield Rangers', ru: 'Уэстфилд Рейнджерс' },
  { name: 'Oakhurst Borough', ru: 'Окхерст Боро' },
  { name: 'Fernley Forest', ru: 'Фернли Форест' },
  { name: 'Blackwater Dynamo', ru: 'Блэкуотер Динамо' },
];

const SEASONS = 3;
/** Weeks between one season's last round and the next one's first. */
const SUMMER_BREAK_WEEKS = 10;
/** log of the goals an average team scores away from home advantage (≈1.3 a match). */
const BASE_RATE = Math.log(1.3);
const HOME_ADVANTAGE = 0.13;
/** Spread of the clubs' log attack and defence strengths, and their drift between seasons. */
const ATTACK_SD = 0.25;
const DEFENCE_SD = 0.2;
const SEASON_DRIFT_SD = 0.08;
/** Kick-off of each match of a round, in hours after the round's Saturday 00:00 UTC. */
const ROUND_KICKOFF_HOURS = [12.5, 15, 15, 15, 17.5, 40];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The simulated bookmaker's margin: its implied probabilities add up to 1 + MARGIN. */
const BOOK_MARGIN = 0.05;
/** Spread of the book's error on each outcome's log probability. */
const BOOK_NOISE_SD = 0.08;
/** Mixed into the seed for the book's noise: its own stream, so results stay what they were. */
const BOOK_STREAM = 0x0dd5;

/** Decimal prices of the simulated bookmaker for one match: 1X2 and over/under 2.5 goals. */
export interface SimulatedOdds {
  home: number;
  draw: number;
  away: number;
  over25: number;
  under25: number;
}

export interface SimulatedMatch {
  season: string;
  kickoffAt: Date;
  home: string;
  away: string;
  homeGoals: number;
  awayGoals: number;
  htHomeGoals: number;
  htAwayGoals: number;
  homeShots: number;
  awayShots: number;
  homeShotsOnTarget: number;
  awayShotsOnTarget: number;
  /** The simulated bookmaker's pre-match prices. */
  odds: SimulatedOdds;
}

export interface SimulatedFixture {
  season: string;
  kickoffAt: Date;
  home: string;
  away: string;
  /** The simulated bookmaker's prices. */
  odds: SimulatedOdds;
}

export interface SimulatedLeague {
  code: string;
  name: string;
  seed: number;
  clubs: ReadonlyArray<{ name: string; ru: string }>;
  /** Finished matches, oldest first: three double round-robin seasons. */
  matches: SimulatedMatch[];
  /** Scheduled fixtures of the next season's first two rounds, from about now on. */
  upcoming: SimulatedFixture[];
}

export interface SimulateOptions {
  seed: number;
  now: Date;
  /** The zone whose "today" the first upcoming fixture falls on (the bot's default zone). */
  timeZone?: string;
}

export function simulateLeague(opts: SimulateOptions): SimulatedLeague {
  const random = mulberry32(opts.seed);
  const bookRandom = mulberry32(opts.seed ^ BOOK_STREAM);
  const strengths = SIMULATED_CLUBS.map(() => ({
    attack: normal(random, 0, ATTACK_SD),
    defence: normal(random, 0, DEFENCE_SD),
  }));
  centre(strengths.map((s) => s.attack)).forEach((v, i) => (strengths[i]!.attack = v));
  centre(strengths.map((s) => s.defence)).forEach((v, i) => (strengths[i]!.defence = v));

  const rounds = 2 * (SIMULATED_CLUBS.length - 1);
  const lastRound = previousSaturday(opts.now);
  const matches: SimulatedMatch[] = [];
  for (let s = 0; s < SEASONS; s++) {
    const seasonsAfter = SEASONS - 1 - s;
    const firstRound = new Date(
      lastRound.getTime() -
        (seasonsAfter * (rounds - 1 + SUMMER_BREAK_WEEKS) + rounds - 1) * 7 * DAY_MS,
    );
    const lastOfSeason = new Date(firstRound.getTime() + (rounds - 1) * 7 * DAY_MS);
    const season = seasonName(firstRound, lastOfSeason);
    for (const s of strengths) {
      s.attack += normal(random, 0, SEASON_DRIFT_SD);
      s.defence += normal(random, 0, SEASON_DRIFT_SD);
    }
    doubleRoundRobin(shuffled(random, SIMULATED_CLUBS.length)).forEach((pairs, round) => {
      const roundStart = firstRound.getTime() + round * 7 * DAY_MS;
      pairs.forEach(([home, away], slot) => {
        const kickoffAt = new Date(roundStart + ROUND_KICKOFF_HOURS[slot]! * HOUR_MS);
        const match = playMatch(random, strengths, home, away, season, kickoffAt);
        matches.push({ ...match, odds: bookOdds(bookRandom, rates(strengths, home, away)) });
      });
    });
  }

  const nextSeasonPairs = doubleRoundRobin(shuffled(random, SIMULATED_CLUBS.length)).slice(0, 2);
  const kickoffs = upcomingKickoffs(opts.now, opts.timeZone ?? 'Europe/Moscow');
  const nextSeason = seasonName(opts.now, new Date(opts.now.getTime() + 150 * DAY_MS));
  const upcoming = nextSeasonPairs.flat().map(([home, away], i) => ({
    season: nextSeason,
    kickoffAt: kickoffs[i]!,
    home: SIMULATED_CLUBS[home]!.name,
    away: SIMULATED_CLUBS[away]!.name,
    odds: bookOdds(bookRandom, rates(strengths, home, away)),
  }));

  return {
    code: SIMULATED_LEAGUE.code,
    name: SIMULATED_LEAGUE.name,
    seed: opts.seed,
    clubs: SIMULATED_CLUBS,
    matches,
    upcoming,
  };
}

/** Each side's goal mean in this match. */
function rates(
  strengths: ReadonlyArray<{ attack: number; defence: number }>,
  home: number,
  away: number,
): { homeRate: number; awayRate: number } {
  const h = strengths[home]!;
  const a = strengths[away]!;
  return {
    homeRate: Math.exp(BASE_RATE + HOME_ADVANTAGE + h.attack - a.defence),
    awayRate: Math.exp(BASE_RATE - HOME_ADVANTAGE + a.attack - h.defence),
  };
}

/**
 * A bookmaker's prices: the true probabilities (from the goal means, as the simulation plays the
 * match), each off by seeded noise, renormalised, then marked up by the margin.
 */
export function bookOdds(
  random: Random,
  { homeRate, awayRate }: { homeRate: number; awayRate: number },
): SimulatedOdds {
  const markets = computeMarkets(scoreMatrixFromRates(homeRate, awayRate, 0), {
    totalLines: [2.5],
  });
  const total = markets.totals.find((t) => t.line === 2.5)!;
  const price = (probs: number[]): number[] => {
    const blurred = probs.map((p) => p * Math.exp(normal(random, 0, BOOK_NOISE_SD)));
    const sum = blurred.reduce((a, b) => a + b, 0);
    return blurred.map((p) => Math.round((100 * sum) / (p * (1 + BOOK_MARGIN))) / 100);
  };
  const { home, draw, away } = markets.oneXTwo;
  const [pHome, pDraw, pAway] = price([home, draw, away]) as [number, number, number];
  const [over25, under25] = price([total.over, total.under]) as [number, number];
  return { home: pHome, draw: pDraw, away: pAway, over25, under25 };
}

function playMatch(
  random: Random,
  strengths: ReadonlyArray<{ attack: number; defence: number }>,
  home: number,
  away: number,
  season: string,
  kickoffAt: Date,
): Omit<SimulatedMatch, 'odds'> {
  const { homeRate, awayRate } = rates(strengths, home, away);
  const homeGoals = poisson(random, homeRate);
  const awayGoals = poisson(random, awayRate);
  // Every goal was a shot on target and every shot on target a shot; the rest is noise that
  // grows with how dangerous the side was.
  const homeShotsOnTarget = homeGoals + poisson(random, 1 + 1.6 * homeRate);
  const awayShotsOnTarget = awayGoals + poisson(random, 1 + 1.6 * awayRate);
  return {
    season,
    kickoffAt,
    home: SIMULATED_CLUBS[home]!.name,
    away: SIMULATED_CLUBS[away]!.name,
    homeGoals,
    awayGoals,
    htHomeGoals: binomial(random, homeGoals, 0.45),
    htAwayGoals: binomial(random, awayGoals, 0.45),
    homeShots: homeShotsOnTarget + poisson(random, 4 + 3 * homeRate),
    awayShots: awayShotsOnTarget + poisson(random, 4 + 3 * awayRate),
    homeShotsOnTarget,
    awayShotsOnTarget,
  };
}

/**
 * The circle method: n clubs (n even) meet once in n − 1 rounds, then again with home and away
 * swapped. Each round is a list of [home, away] club indexes.
 */
export function doubleRoundRobin(order: readonly number[]): Array<Array<[number, number]>> {
  const n = order.length;
  const ring = [...order];
  const firstHalf: Array<Array<[number, number]>> = [];
  for (let round = 0; round < n - 1; round++) {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < n / 2; i++) {
      const a = ring[i]!;
      const b = ring[n - 1 - i]!;
      // Alternate who is at home so no club plays every first-half match at home.
      pairs.push((round + i) % 2 === 0 ? [a, b] : [b, a]);
    }
    firstHalf.push(pairs);
    ring.splice(1, 0, ring.pop()!); // keep the first club fixed, rotate the rest
  }
  const secondHalf = firstHalf.map((pairs) => pairs.map(([a, b]): [number, number] => [b, a]));
  return [...firstHalf, ...secondHalf];
}

/** 0..n−1 in a seeded random order (Fisher–Yates). */
function shuffled(random: Random, n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function centre(values: number[]): number[] {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.map((v) => v - mean);
}

/** 00:00 UTC of the latest Saturday whose round (Sunday's match included) is over by `now`. */
function previousSaturday(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let saturday = midnight - ((now.getUTCDay() + 1) % 7) * DAY_MS;
  const roundLength = (Math.max(...ROUND_KICKOFF_HOURS) + 2) * HOUR_MS;
  while (saturday + roundLength > now.getTime()) saturday -= 7 * DAY_MS;
  return new Date(saturday);
}

/** `2025/26` for a season across the new year, `2026` for one inside a calendar year. */
function seasonName(first: Date, last: Date): string {
  const from = first.getUTCFullYear();
  const to = last.getUTCFullYear();
  return from === to ? String(from) : `${from}/${String(to % 100).padStart(2, '0')}`;
}

/**
 * Twelve kick-offs from now on: the first today in `timeZone` (a few minutes ahead, or just
 * past when that would cross local midnight), so /today always has a match, then spread over
 * the next six days.
 */
function upcomingKickoffs(now: Date, timeZone: string): Date[] {
  const soon = new Date(now.getTime() + 10 * 60_000);
  const first = localDate(soon, timeZone) === localDate(now, timeZone) ? soon : now;
  const hoursLater = [3, 6, 24, 27, 48, 72, 75, 96, 99, 120, 144];
  return [first, ...hoursLater.map((h) => new Date(now.getTime() + h * HOUR_MS))];
}

function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at);
}
