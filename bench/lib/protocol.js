// The evaluation protocol of docs/model.md in one place, used by bench/backtest.js and
// bench/tune.js: settings are chosen on the development period only (2009/10–2018/19,
// walk-forward), and the evaluation window 2019/20–2024/25 is scored once per candidate, each
// look logged in docs/model-results.md.
const { createProductionModel, warmedBacktest, DEFAULT_WARMUP_DAYS } = require('@scoreline/model');
const { performance } = require('node:perf_hooks');
const { loadHistory } = require('./data');

const LEAGUES = ['E0', 'SP1', 'D1'];
const LEAGUE_NAMES = { E0: 'EPL', SP1: 'La Liga', D1: 'Bundesliga' };
/** Seasons by start year: [first, last] scored, and the data loaded (history reaches back). */
const PERIODS = {
  dev: { first: 2009, last: 2018, from: '2009-07-01', to: '2019-06-30' },
  eval: { first: 2019, last: 2024, from: '2019-07-01', to: '2025-06-30' },
};

/** History of a league for a period: the scored seasons and the six before them. */
function periodHistory(league, period) {
  const p = PERIODS[period];
  return loadHistory(league, p.first - 6, p.last);
}

/**
 * Forecasts of one league over a period with the production model at `options`: the same
 * `warmedBacktest` as `scoreline backtest` (three seasons of warm-up before the window).
 */
function protocolRun(matches, period, options = {}) {
  const p = PERIODS[period];
  return benchForecasts(matches, { from: p.from, to: p.to, options });
}

/**
 * The bench's forecasts of [from, to] after `warmupDays` of warm-up (default three seasons),
 * with model time split into warm-up and window. A CLI test compares them with
 * `scoreline backtest` on the same data.
 */
function benchForecasts(matches, { from, to, warmupDays = DEFAULT_WARMUP_DAYS, options = {} }) {
  const p = { from, to };
  const production = createProductionModel(options);
  // Model time of the window alone (fits and forecasts from its first date on), the figure the
  // speed target is about; the warm-up is timed apart.
  const ms = { warmup: 0, window: 0 };
  let inWindow = false;
  const model = {
    fit: (h, asOf, ctx) => {
      inWindow = asOf >= p.from;
      const t0 = performance.now();
      const s = production.fit(h, asOf, ctx);
      ms[inWindow ? 'window' : 'warmup'] += performance.now() - t0;
      return s;
    },
    predict: (state, home, away) => {
      const t0 = performance.now();
      const r = production.predictProbs(state, home, away);
      ms[inWindow ? 'window' : 'warmup'] += performance.now() - t0;
      return r;
    },
  };
  const run = warmedBacktest(matches, {
    from: p.from,
    to: p.to,
    warmupDays,
    model,
  });
  return { ...run, ms };
}

module.exports = { LEAGUES, LEAGUE_NAMES, PERIODS, periodHistory, protocolRun, benchForecasts };
