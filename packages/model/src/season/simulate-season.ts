// Season odds by Monte Carlo: the rest of the season is played `runs` times, each match's score
// drawn from its forecast score matrix, and each run's final table counted. What comes out is,
// per team, the probability of every final position and of the title, the top places and
// relegation, and the expected points.
import type { Rng } from '../rng';
import type { MatchResult, ScoreMatrix } from '../types';
import type { TableRow } from './league-table';

/** A match still to play, with the forecast of its score. */
export interface FixtureForecast {
  home: string;
  away: string;
  matrix: ScoreMatrix;
}

/** A league's season so far and the odds of how it ends: what /season shows. Plain JSON. */
export interface SeasonOutlook {
  league: string;
  /** `2024/25`. */
  season: string;
  asOf: string;
  runs: number;
  played: number;
  remaining: number;
  table: TableRow[];
  /** By expected points, best first. */
  outlook: TeamOutlook[];
}

export interface SeasonSimulationOptions {
  runs: number;
  rng: Rng;
  /** Places that count as "top" (Champions League): 4 unless said otherwise. */
  topPlaces?: number;
  /** Places relegated at the bottom: 3 unless said otherwise. */
  relegationPlaces?: number;
}

export interface TeamOutlook {
  team: string;
  /** Points already won. */
  points: number;
  expectedPoints: number;
  title: number;
  top: number;
  relegation: number;
  /** `positions[k]` = probability of finishing (k+1)-th. */
  positions: number[];
}

/** Draws a score from a matrix by inverting its cumulative distribution. */
interface ScoreSampler {
  cdf: Float64Array;
  home: Int32Array;
  away: Int32Array;
}

function samplerOf(matrix: ScoreMatrix): ScoreSampler {
  const n = matrix.maxGoals + 1;
  const cdf = new Float64Array(n * n);
  const home = new Int32Array(n * n);
  const away = new Int32Array(n * n);
  let acc = 0;
  let k = 0;
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      acc += matrix.p[x]![y]!;
      cdf[k] = acc;
      home[k] = x;
      away[k] = y;
      k += 1;
    }
  }
  return { cdf, home, away };
}

function draw(s: ScoreSampler, u: number): number {
  const target = u * s.cdf[s.cdf.length - 1]!;
  let lo = 0;
  let hi = s.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.cdf[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A season played again and again: `play` more runs, read the outlook over those played. */
export interface SeasonSimulation {
  /** Plays `runs` more seasons, drawing on from where the last call stopped. */
  play(runs: number): void;
  /** Seasons played so far. */
  readonly runs: number;
  /** Each team's outlook over the seasons played so far (at least one). */
  outlook(): TeamOutlook[];
}

/**
 * The rest of the season ready to be played. Playing it in slices gives exactly the outlook of
 * one pass with the same rng (the draws come in the same order), so a caller can let other work
 * run between slices.
 */
export function startSeasonSimulation(
  played: readonly MatchResult[],
  remaining: readonly FixtureForecast[],
  opts: Omit<SeasonSimulationOptions, 'runs'>,
): SeasonSimulation {
  const names = [...new Set([...played, ...remaining].flatMap((m) => [m.home, m.away]))].sort(
    (a, b) => a.localeCompare(b),
  );
  const index = new Map(names.map((t, i) => [t, i]));
  const n = names.length;
  const basePoints = new Int32Array(n);
  const baseFor = new Int32Array(n);
  const baseAgainst = new Int32Array(n);
  for (const m of played) {
    const h = index.get(m.home)!;
    const a = index.get(m.away)!;
    addResult(basePoints, baseFor, baseAgainst, h, a, m.homeGoals, m.awayGoals);
  }
  const matches = remaining.map((m) => ({
    h: index.get(m.home)!,
    a: index.get(m.away)!,
    sampler: samplerOf(m.matrix),
  }));

  const points = new Int32Array(n);
  const goalsFor = new Int32Array(n);
  const against = new Int32Array(n);
  const positionCounts = Array.from({ length: n }, () => new Float64Array(n));
  const pointSums = new Float64Array(n);
  const order = names.map((_, i) => i);
  // The table's order (compareRows) on the arrays: names are sorted, so index order is name order.
  const better = (x: number, y: number) =>
    points[y]! - points[x]! ||
    goalsFor[y]! - against[y]! - (goalsFor[x]! - against[x]!) ||
    goalsFor[y]! - goalsFor[x]! ||
    x - y;
  let runs = 0;

  const top = opts.topPlaces ?? 4;
  const down = opts.relegationPlaces ?? 3;
  return {
    get runs() {
      return runs;
    },
    play(more) {
      for (let run = 0; run < more; run++) {
        points.set(basePoints);
        goalsFor.set(baseFor);
        against.set(baseAgainst);
        for (const m of matches) {
          const cell = draw(m.sampler, opts.rng());
          addResult(
            points,
            goalsFor,
            against,
            m.h,
            m.a,
            m.sampler.home[cell]!,
            m.sampler.away[cell]!,
          );
        }
        order.sort(better);
        order.forEach((team, place) => (positionCounts[team]![place]! += 1));
        for (let i = 0; i < n; i++) pointSums[i]! += points[i]!;
      }
      runs += more;
    },
    outlook() {
      if (runs === 0) throw new RangeError('no season has been played yet');
      const sumPlaces = (counts: Float64Array, from: number, to: number) =>
        counts.slice(from, to).reduce((s, c) => s + c, 0) / runs;
      return names.map((team, i) => {
        const counts = positionCounts[i]!;
        return {
          team,
          points: basePoints[i]!,
          expectedPoints: pointSums[i]! / runs,
          title: counts[0]! / runs,
          top: sumPlaces(counts, 0, top),
          relegation: sumPlaces(counts, n - down, n),
          positions: Array.from(counts, (c) => c / runs),
        };
      });
    },
  };
}

/** The rest of the season played `opts.runs` times in one pass. */
export function simulateSeason(
  played: readonly MatchResult[],
  remaining: readonly FixtureForecast[],
  opts: SeasonSimulationOptions,
): TeamOutlook[] {
  const simulation = startSeasonSimulation(played, remaining, opts);
  simulation.play(opts.runs);
  return simulation.outlook();
}

function addResult(
  points: Int32Array,
  goalsFor: Int32Array,
  against: Int32Array,
  h: number,
  a: number,
  hg: number,
  ag: number,
): void {
  goalsFor[h]! += hg;
  against[h]! += ag;
  goalsFor[a]! += ag;
  against[a]! += hg;
  if (hg > ag) points[h]! += 3;
  else if (hg < ag) points[a]! += 3;
  else {
    points[h]! += 1;
    points[a]! += 1;
  }
}

/**
 * The pairings a double round-robin still owes: every ordered pair of `teams` (home, away) that
 * `played` does not hold. For a season whose schedule is not stored.
 */
export function remainingRoundRobin(
  teams: readonly string[],
  played: readonly Pick<MatchResult, 'home' | 'away'>[],
): Array<{ home: string; away: string }> {
  const done = new Set(played.map((m) => `${m.home}\u0000${m.away}`));
  const out: Array<{ home: string; away: string }> = [];
  for (const home of teams) {
    for (const away of teams) {
      if (home !== away && !done.has(`${home}\u0000${away}`)) out.push({ home, away });
    }
  }
  return out;
}
