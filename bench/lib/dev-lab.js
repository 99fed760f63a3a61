// Development-period experiments on the pool and the members (docs/model.md, protocol: they
// read 2009/10–2018/19 only). The members' walk-forward forecasts of the protocol run (warm-up
// included) are the out-of-sample buffer the production pool learns from, so a pool variant can
// be replayed on them in seconds: every 28 days it is refitted on the last 1,900 forecasts dated
// before the fit date, exactly as `createProductionModel` refits its weights (the linear pool
// replayed here reproduces the production blend to the last digit).
const {
  addDays,
  blendProbs,
  fitBlendWeights,
  minimizeLbfgs,
  summarize,
} = require('@scoreline/model');
const { LEAGUES, periodHistory, protocolRun } = require('./protocol');

const MEMBERS = ['dixonColes', 'shots', 'elo'];

/** Every forecast of the development run (warm-up first), with the members' 1X2. */
function devForecasts(league, options = {}) {
  const run = protocolRun(periodHistory(league, 'dev'), 'dev', options);
  return [
    ...run.warmup.map((p) => ({ ...p, warmup: true })),
    ...run.predictions.map((p) => ({ ...p, warmup: false })),
  ];
}

const L = (x) => Math.log(Math.max(1e-12, x));

/**
 * Multinomial logit over home/away against the draw, s_c = Σⱼ β_cj·xⱼ, fitted by penalised ML
 * (ridge λ toward `prior`, so a weak fit stays near a sensible pool).
 */
function fitMnl(X, y, prior, lambda) {
  const n = X.length;
  const F = X[0].length;
  const f = (b, g) => {
    g.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const x = X[i];
      let sh = 0;
      let sa = 0;
      for (let j = 0; j < F; j++) {
        sh += b[j] * x[j];
        sa += b[F + j] * x[j];
      }
      const m = Math.max(sh, sa, 0);
      const z = Math.exp(sh - m) + Math.exp(sa - m) + Math.exp(-m);
      const o = y[i];
      loss -= (o === 0 ? sh : o === 2 ? sa : 0) - m - Math.log(z);
      const dh = Math.exp(sh - m) / z - (o === 0 ? 1 : 0);
      const da = Math.exp(sa - m) / z - (o === 2 ? 1 : 0);
      for (let j = 0; j < F; j++) {
        g[j] += dh * x[j];
        g[F + j] += da * x[j];
      }
    }
    loss /= n;
    for (let j = 0; j < 2 * F; j++) {
      g[j] = g[j] / n + lambda * (b[j] - prior[j]);
      loss += 0.5 * lambda * (b[j] - prior[j]) ** 2;
    }
    return loss;
  };
  return minimizeLbfgs(f, Float64Array.from(prior), { gradTol: 1e-6, maxIterations: 300 }).x;
}

function mnlProbs(b, x) {
  const F = x.length;
  let sh = 0;
  let sa = 0;
  for (let j = 0; j < F; j++) {
    sh += b[j] * x[j];
    sa += b[F + j] * x[j];
  }
  const m = Math.max(sh, sa, 0);
  const eh = Math.exp(sh - m);
  const ea = Math.exp(sa - m);
  const ed = Math.exp(-m);
  const z = eh + ea + ed;
  return [eh / z, ed / z, ea / z];
}

/**
 * Combiners: `linear` (production), `recal` (a multinomial-logit recalibration of the linear
 * pool: identity prior), `stack` (a stacked multinomial logit on every member's log-odds against
 * the draw: prior the equal-weight logarithmic pool).
 */
const FEATURES = {
  recal: (c, w) => {
    const p = blendProbs(c, w);
    return [1, L(p[0] / p[1]), L(p[2] / p[1])];
  },
  stack: (c) => [1, ...c.flatMap((p) => [L(p[0] / p[1]), L(p[2] / p[1])])],
};

function priorFor(kind, F, K) {
  const b = new Array(2 * F).fill(0);
  if (kind === 'recal') {
    b[1] = 1;
    b[F + 2] = 1;
  } else {
    for (let k = 0; k < K; k++) {
      b[1 + 2 * k] = 1 / K;
      b[F + 2 + 2 * k] = 1 / K;
    }
  }
  return b;
}

/** Window RPS of a combiner replayed walk-forward on the forecasts. */
function replayPool(rows, { kind = 'linear', lambda = 0.01, members = () => null } = {}) {
  const comps = (r) => members(r) ?? MEMBERS.map((k) => r.components[k]);
  const K = comps(rows[0]).length;
  let last = null;
  let w = new Array(K).fill(1 / K);
  let b = null;
  const probs = [];
  const outcomes = [];
  rows.forEach((r, i) => {
    if (last === null || addDays(last, 28) <= r.fitAsOf) {
      const past = rows
        .slice(0, i)
        .filter((q) => q.date < r.fitAsOf)
        .slice(-1900);
      if (past.length >= 380) {
        last = r.fitAsOf;
        const pc = past.map(comps);
        const po = past.map((q) => q.outcome);
        w = fitBlendWeights(pc, po, { init: w }).weights;
        if (kind !== 'linear') {
          const X = pc.map((c) => FEATURES[kind](c, w));
          b = fitMnl(X, po, b ? Array.from(b) : priorFor(kind, X[0].length, K), lambda);
        }
      }
    }
    if (r.warmup) return;
    const c = comps(r);
    probs.push(kind === 'linear' || !b ? blendProbs(c, w) : mnlProbs(b, FEATURES[kind](c, w)));
    outcomes.push(r.outcome);
  });
  return { rps: summarize(probs, outcomes).rps, weights: w };
}

const seasonOf = (d) => {
  const y = Number(d.slice(0, 4));
  return Number(d.slice(5, 7)) >= 7 ? y : y - 1;
};

/**
 * The most any promoted-side prior could gain: forecasts of the matches in a newcomer's first
 * `first` league matches shifted toward the newcomer (pH·e^s, pA·e^−s) by the best constant s,
 * chosen in sample — an upper bound, not a candidate.
 */
function promotedOracle(rows, first) {
  const teams = {};
  for (const r of rows) {
    const s = seasonOf(r.date);
    (teams[s] ??= new Set()).add(r.home);
    teams[s].add(r.away);
  }
  const count = {};
  const scored = [];
  for (const r of rows) {
    const s = seasonOf(r.date);
    let sign = 0;
    for (const [t, sg] of [
      [r.home, 1],
      [r.away, -1],
    ]) {
      if (!teams[s - 1] || teams[s - 1].has(t)) continue;
      count[s + t] = (count[s + t] ?? 0) + 1;
      if (count[s + t] <= first) sign += sg;
    }
    if (!r.warmup) scored.push({ r, sign });
  }
  const o = scored.map((x) => x.r.outcome);
  const shift = (p, s) => {
    const a = p[0] * Math.exp(s);
    const c = p[2] * Math.exp(-s);
    return [a / (a + p[1] + c), p[1] / (a + p[1] + c), c / (a + p[1] + c)];
  };
  const base = summarize(
    scored.map((x) => x.r.probs),
    o,
  ).rps;
  let best = { shift: 0, rps: base };
  for (let s = -0.6; s <= 0.6001; s += 0.02) {
    const v = summarize(
      scored.map((x) => shift(x.r.probs, s * x.sign)),
      o,
    ).rps;
    if (v < best.rps) best = { shift: s, rps: v };
  }
  return { affected: scored.filter((x) => x.sign).length, base, ...best };
}

module.exports = { LEAGUES, MEMBERS, devForecasts, replayPool, promotedOracle };
