import { describe, expect, it } from '@jest/globals';
import { demoParams, simulateLeague } from './__fixtures__/simulate';
import { rollingBacktest, warmedBacktest, type BacktestModel } from './backtest';
import { createProductionModel, type ProductionState } from './production';
import type { MatchResult } from './types';

const matches = simulateLeague(demoParams(10), 3, 5, '2020-08-01');
const from = matches[200]!.date;
const to = matches[260]!.date;

/** Production model in its backtest form, recording the history each fit saw. */
function spyModel(seen: { asOf: string; latest: string; n: number; weights: number[] }[]) {
  // Online stacking on, with a small buffer so the weights are refitted inside the window.
  const m = createProductionModel({
    weights: [0.4, 0.4, 0.2],
    stackingMin: 30,
    stackingRefitDays: 7,
  });
  const model: BacktestModel<ProductionState> = {
    fit(history, asOf, ctx) {
      const latest = history.reduce((a, h) => (h.date > a ? h.date : a), '');
      const state = m.fit(history, asOf, ctx);
      seen.push({ asOf, latest, n: history.length, weights: state.weights });
      return state;
    },
    predict: m.predictProbs,
  };
  return model;
}

describe('rollingBacktest', () => {
  it('predicts every match in the window, each from matches strictly before its date', () => {
    const seen: { asOf: string; latest: string; n: number; weights: number[] }[] = [];
    const preds = rollingBacktest(matches, { from, to, model: spyModel(seen), refitDays: 7 });
    expect(preds.length).toBe(matches.filter((m) => m.date >= from && m.date <= to).length);
    for (const s of seen) expect(s.latest < s.asOf).toBe(true);
    // The blend weights were refitted from out-of-sample forecasts along the way.
    expect(seen.some((s) => s.weights.join() !== '0.4,0.4,0.2')).toBe(true);
    for (const p of preds) {
      expect(p.fitAsOf <= p.date).toBe(true);
      // Refit at least weekly.
      expect(Date.parse(p.date) - Date.parse(p.fitAsOf)).toBeLessThan(7 * 86_400_000);
      expect(p.probs[0] + p.probs[1] + p.probs[2]).toBeCloseTo(1, 9);
    }
  });

  it('cannot see a planted future result (same day or later)', () => {
    const target = matches.find((m) => m.date > from && m.date < to)!;
    const baseline = rollingBacktest(matches, { from, to, model: spyModel([]) });
    // Plant absurd results on the target's own date and after it, for the target's teams.
    const planted: MatchResult[] = [
      { ...target, homeGoals: 0, awayGoals: 9 },
      { date: target.date, home: target.away, away: target.home, homeGoals: 12, awayGoals: 0 },
      { date: '2099-01-01', home: target.home, away: target.away, homeGoals: 0, awayGoals: 15 },
    ];
    const tampered = matches.map((m) => (m === target ? { ...m, homeGoals: 0, awayGoals: 9 } : m));
    const withFuture = rollingBacktest([...tampered, ...planted.slice(1)], {
      from,
      to,
      model: spyModel([]),
    });
    const pick = (ps: typeof baseline) =>
      ps.find((p) => p.date === target.date && p.home === target.home && p.away === target.away)!;
    // The target's own (tampered) result and everything planted on or after its date change
    // nothing about its forecast.
    expect(pick(withFuture).probs).toEqual(pick(baseline).probs);
    // Every forecast dated before the target is identical too.
    const earlier = (ps: typeof baseline) => ps.filter((p) => p.date < target.date);
    expect(earlier(withFuture).map((p) => p.probs)).toEqual(earlier(baseline).map((p) => p.probs));
    // Sanity: the planted results do reach forecasts after the next refit.
    const later = (ps: typeof baseline) =>
      ps.filter(
        (p) => p.fitAsOf > target.date && (p.home === target.home || p.away === target.home),
      );
    expect(later(withFuture)[0]!.probs).not.toEqual(later(baseline)[0]!.probs);
  });
});

describe('warmedBacktest', () => {
  it('When a window is backtested after a warm-up, then the window continues from the warm-up state and equals a hand-chained run', () => {
    const seen: { asOf: string; latest: string; n: number; weights: number[] }[] = [];
    const warmupDays = 120;

    const run = warmedBacktest(matches, { from, to, warmupDays, model: spyModel(seen) });

    expect(run.warmup.length).toBeGreaterThan(30);
    expect(run.warmup.every((p) => p.date < from)).toBe(true);
    expect(run.predictions.every((p) => p.date >= from && p.date <= to)).toBe(true);
    // The same two stages chained by hand give the same forecasts.
    const chained: { asOf: string; latest: string; n: number; weights: number[] }[] = [];
    const model = spyModel(chained);
    let last: ProductionState | undefined;
    const keep: BacktestModel<ProductionState> = {
      fit: (h, asOf, ctx) => (last = model.fit(h, asOf, ctx)),
      predict: (s, h, a) => model.predict(s, h, a),
    };
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - warmupDays);
    const end = new Date(`${from}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() - 1);
    rollingBacktest(matches, {
      from: d.toISOString().slice(0, 10),
      to: end.toISOString().slice(0, 10),
      model: keep,
    });
    const window = rollingBacktest(matches, { from, to, model: keep, initialState: last! });
    expect(run.predictions).toEqual(window);
    // Without the warm-up the window's first forecasts differ (fresh pool weights).
    const cold = rollingBacktest(matches, { from, to, model: spyModel([]) });
    expect(cold[0]!.probs).not.toEqual(run.predictions[0]!.probs);
  });
});
