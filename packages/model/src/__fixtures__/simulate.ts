// Synthetic leagues from known parameters: the fixed, licence-free fixtures of the model tests.
import { scoreMatrixFromRates } from '../dixon-coles/predict';
import { createRng, type Rng } from '../rng';
import { addDays } from '../time-weights';
import type { MatchResult } from '../types';

export interface TrueParams {
  teams: string[];
  attack: number[];
  defence: number[];
  intercept: number;
  homeAdvantage: number;
  rho: number;
}

/** Twenty teams with centred, spread-out ratings. */
export function demoParams(nTeams = 20): TrueParams {
  const teams = Array.from({ length: nTeams }, (_, i) => `Team ${String.fromCharCode(65 + i)}`);
  const raw = teams.map((_, i) => 0.6 * (i / (nTeams - 1) - 0.5));
  const rawD = teams.map((_, i) => 0.5 * (((i * 7) % nTeams) / (nTeams - 1) - 0.5));
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(raw);
  const md = mean(rawD);
  return {
    teams,
    attack: raw.map((v) => v - ma),
    defence: rawD.map((v) => v - md),
    intercept: 0.15,
    homeAdvantage: 0.25,
    rho: -0.1,
  };
}

/** Draws one score from the τ-adjusted matrix by inversion. */
function drawScore(rng: Rng, lambda: number, mu: number, rho: number): [number, number] {
  const m = scoreMatrixFromRates(lambda, mu, rho, 12);
  let u = rng();
  for (let x = 0; x <= 12; x++) {
    for (let y = 0; y <= 12; y++) {
      u -= m.p[x]![y]!;
      if (u <= 0) return [x, y];
    }
  }
  return [12, 12];
}

/**
 * Double round robins, one match day every 3–4 days, each season starting `seasonGapDays` after
 * the previous one ended. Shots on target are Poisson around 3× the goal rate.
 */
export function simulateLeague(
  p: TrueParams,
  seasons: number,
  seed: number,
  start = '2020-08-01',
): MatchResult[] {
  const rng = createRng(seed);
  const n = p.teams.length;
  const out: MatchResult[] = [];
  let date = start;
  for (let s = 0; s < seasons; s++) {
    // Circle method: n−1 rounds, then the reverse fixtures.
    const order = Array.from({ length: n }, (_, i) => i);
    const rounds: [number, number][][] = [];
    for (let r = 0; r < n - 1; r++) {
      const round: [number, number][] = [];
      for (let i = 0; i < n / 2; i++) {
        const a = order[i]!;
        const b = order[n - 1 - i]!;
        round.push(r % 2 === 0 ? [a, b] : [b, a]);
      }
      rounds.push(round);
      order.splice(1, 0, order.pop()!);
    }
    const all = [...rounds, ...rounds.map((r) => r.map(([a, b]) => [b, a] as [number, number]))];
    for (const round of all) {
      for (const [h, a] of round) {
        const lambda = Math.exp(p.intercept + p.homeAdvantage + p.attack[h]! - p.defence[a]!);
        const mu = Math.exp(p.intercept + p.attack[a]! - p.defence[h]!);
        const [x, y] = drawScore(rng, lambda, mu, p.rho);
        out.push({
          date,
          home: p.teams[h]!,
          away: p.teams[a]!,
          homeGoals: x,
          awayGoals: y,
          stats: {
            homeShotsOnTarget: Math.round(3 * lambda + 2 * (rng() - 0.5)),
            awayShotsOnTarget: Math.round(3 * mu + 2 * (rng() - 0.5)),
          },
        });
      }
      date = addDays(date, rng() < 0.5 ? 3 : 4);
    }
    date = addDays(date, 80);
  }
  return out;
}
