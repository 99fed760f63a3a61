import type { ScoreMatrix } from './types';

/** Settlement probabilities of an Asian handicap bet on one side (they sum to 1). */
export interface AsianHandicapSide {
  /** Full win, half win (quarter lines), push (whole lines), half loss, full loss. */
  win: number;
  halfWin: number;
  push: number;
  halfLoss: number;
  loss: number;
  /** Fair decimal odds o with zero expected profit: o = 1 + (loss + halfLoss/2)/(win + halfWin/2). */
  fairOdds: number;
}

export interface AsianHandicapLine {
  /** Handicap added to the home team's goals (−0.75 = home gives three quarters of a goal). */
  line: number;
  home: AsianHandicapSide;
  /** The away side of the same line (handicap −line on the away team). */
  away: AsianHandicapSide;
}

export interface TotalLine {
  line: number;
  over: number;
  under: number;
  /** Non-zero only on whole lines (stake returned). */
  push: number;
}

export interface Markets {
  oneXTwo: { home: number; draw: number; away: number };
  doubleChance: { homeOrDraw: number; homeOrAway: number; drawOrAway: number };
  /** Draw no bet: stake returned on a draw; win probabilities conditional on no draw. */
  drawNoBet: { home: number; away: number; push: number };
  totals: TotalLine[];
  teamTotals: { home: TotalLine[]; away: TotalLine[] };
  bothTeamsToScore: { yes: number; no: number };
  asianHandicap: AsianHandicapLine[];
  expectedGoals: { home: number; away: number; total: number };
  mostLikelyScores: { home: number; away: number; p: number }[];
}

export interface MarketOptions {
  totalLines?: number[];
  teamTotalLines?: number[];
  /** Asian handicap lines for the home side (quarter lines allowed). */
  handicapLines?: number[];
  topScores?: number;
}

const DEFAULT_TOTAL_LINES = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5];
const DEFAULT_TEAM_TOTAL_LINES = [0.5, 1.5, 2.5, 3.5];
const DEFAULT_HANDICAPS = Array.from({ length: 25 }, (_, i) => -3 + i * 0.25);

/** Over/under/push split of a discrete distribution `dist[k] = P(N = k)` at line L. */
function totalLine(dist: number[], line: number): TotalLine {
  let over = 0;
  let under = 0;
  let push = 0;
  dist.forEach((p, k) => {
    if (k > line) over += p;
    else if (k < line) under += p;
    else push += p;
  });
  return { line, over, under, push };
}

type Settle = 'win' | 'push' | 'loss';
const settle = (r: number): Settle => (r > 0 ? 'win' : r < 0 ? 'loss' : 'push');

/**
 * Asian handicap settlement for a side that receives handicap h on a goal difference D (its
 * goals minus the opponent's): the margin is r = D + h. Quarter lines (h = k ± 0.25) split the
 * stake over h − 0.25 and h + 0.25, so the outcomes win/push/loss of the halves combine into
 * win, half win, push, half loss, loss.
 */
function handicapSide(diffDist: Map<number, number>, h: number): AsianHandicapSide {
  const out = { win: 0, halfWin: 0, push: 0, halfLoss: 0, loss: 0 };
  const quarter = Math.abs(h * 4 - Math.round(h * 2) * 2) === 1;
  for (const [d, p] of diffDist) {
    if (!quarter) {
      const s = settle(d + h);
      if (s === 'win') out.win += p;
      else if (s === 'loss') out.loss += p;
      else out.push += p;
      continue;
    }
    const a = settle(d + h - 0.25);
    const b = settle(d + h + 0.25);
    if (a === 'win' && b === 'win') out.win += p;
    else if (a === 'loss' && b === 'loss') out.loss += p;
    else if (a === 'win' || b === 'win') out.halfWin += p;
    else out.halfLoss += p;
  }
  const stakeBack = out.win + out.halfWin / 2;
  const lost = out.loss + out.halfLoss / 2;
  return { ...out, fairOdds: stakeBack > 0 ? 1 + lost / stakeBack : Infinity };
}

/**
 * Every market from one score matrix P(x, y), so all prices are mutually consistent:
 * 1X2 = sums below/on/above the diagonal; totals and team totals from the distributions of
 * x + y, x and y; BTTS = P(x ≥ 1, y ≥ 1); Asian handicaps from the goal-difference distribution;
 * expected goals E[x], E[y]; the most likely exact scores.
 */
export function computeMarkets(matrix: ScoreMatrix, opts: MarketOptions = {}): Markets {
  const n = matrix.maxGoals;
  let home = 0;
  let draw = 0;
  let away = 0;
  let btts = 0;
  let eh = 0;
  let ea = 0;
  const totalDist = new Array<number>(2 * n + 1).fill(0);
  const homeDist = new Array<number>(n + 1).fill(0);
  const awayDist = new Array<number>(n + 1).fill(0);
  const diffDist = new Map<number, number>();
  const cells: { home: number; away: number; p: number }[] = [];
  for (let x = 0; x <= n; x++) {
    for (let y = 0; y <= n; y++) {
      const p = matrix.p[x]![y]!;
      if (x > y) home += p;
      else if (x === y) draw += p;
      else away += p;
      if (x > 0 && y > 0) btts += p;
      eh += x * p;
      ea += y * p;
      totalDist[x + y] = totalDist[x + y]! + p;
      homeDist[x] = homeDist[x]! + p;
      awayDist[y] = awayDist[y]! + p;
      diffDist.set(x - y, (diffDist.get(x - y) ?? 0) + p);
      cells.push({ home: x, away: y, p });
    }
  }
  const awayDiff = new Map([...diffDist].map(([d, p]) => [-d, p]));
  const noDraw = home + away;
  cells.sort((a, b) => b.p - a.p);
  return {
    oneXTwo: { home, draw, away },
    doubleChance: { homeOrDraw: home + draw, homeOrAway: home + away, drawOrAway: draw + away },
    drawNoBet: {
      home: noDraw > 0 ? home / noDraw : 0.5,
      away: noDraw > 0 ? away / noDraw : 0.5,
      push: draw,
    },
    totals: (opts.totalLines ?? DEFAULT_TOTAL_LINES).map((l) => totalLine(totalDist, l)),
    teamTotals: {
      home: (opts.teamTotalLines ?? DEFAULT_TEAM_TOTAL_LINES).map((l) => totalLine(homeDist, l)),
      away: (opts.teamTotalLines ?? DEFAULT_TEAM_TOTAL_LINES).map((l) => totalLine(awayDist, l)),
    },
    bothTeamsToScore: { yes: btts, no: 1 - btts },
    asianHandicap: (opts.handicapLines ?? DEFAULT_HANDICAPS).map((line) => ({
      line,
      home: handicapSide(diffDist, line),
      away: handicapSide(awayDiff, -line),
    })),
    expectedGoals: { home: eh, away: ea, total: eh + ea },
    mostLikelyScores: cells.slice(0, opts.topScores ?? 5),
  };
}
