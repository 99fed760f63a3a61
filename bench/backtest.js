// Six-season EPL backtest (2019/20–2024/25): each match predicted only from earlier matches,
// weekly refits. Blend weights are fitted on out-of-sample predictions of the three seasons
// BEFORE the evaluation window (2016/17–2018/19), never on the window itself.
// Usage: npx tsc -b packages/model && node bench/backtest.js
const {
  createProductionModel,
  rollingBacktest,
  fitBlendWeights,
  summarize,
  devigMultiplicative,
  calibration,
  COMPONENTS,
} = require('@scoreline/model');
const { loadPddl, loadEplOdds } = require('./lib/data');
const { parseArgs } = require('./lib/args');
const { performance } = require('node:perf_hooks');

const args = parseArgs(process.argv.slice(2));
const options = {
  xi: args.xi ?? 0.0018,
  priorWeight: args.prior ?? 3,
  shotsShare: args.share ?? 0.5,
};

// Calibration: three seasons of history (2013/14–2015/16) then OOS predictions 2016/17–2018/19.
const calMatches = loadPddl('premier-league', 2013, 2018);
const cal = rollingBacktest(calMatches, {
  from: '2016-07-01',
  to: '2019-06-30',
  model: (({ fit, predictProbs }) => ({ fit, predict: predictProbs }))(
    createProductionModel(options),
  ),
  refitDays: 7,
});
const blend = fitBlendWeights(
  cal.map((p) => COMPONENTS.map((c) => p.components[c])),
  cal.map((p) => p.outcome),
);

// Evaluation: history from 2016/17 (three seasons before the window).
const matches = loadPddl('premier-league', 2016, 2024);
const production = createProductionModel({ ...options, weights: blend.weights });
const model = { fit: production.fit, predict: production.predictProbs };
const t0 = performance.now();
const preds = rollingBacktest(matches, {
  from: '2019-07-01',
  to: '2025-06-30',
  model,
  refitDays: 7,
});
const modelMs = performance.now() - t0;

const odds = loadEplOdds();
const outcomes = preds.map((p) => p.outcome);
const rows = [];
for (const c of COMPONENTS)
  rows.push([
    c,
    summarize(
      preds.map((p) => p.components[c]),
      outcomes,
    ),
  ]);
rows.push([
  'blend',
  summarize(
    preds.map((p) => p.probs),
    outcomes,
  ),
]);
const withOdds = preds.filter((p) => odds.has(`${p.date}|${p.home}|${p.away}`));
const book = (key) =>
  summarize(
    withOdds.map((p) => devigMultiplicative(odds.get(`${p.date}|${p.home}|${p.away}`)[key])),
    withOdds.map((p) => p.outcome),
  );
rows.push(['pinnacle pre-closing', book('pinnacle')]);
rows.push(['pinnacle closing', book('pinnacleClosing')]);

const f = (x) => x.toFixed(4);
console.log(`EPL 2019/20–2024/25 rolling-origin backtest, weekly refits`);
console.log(`options ${JSON.stringify(options)}`);
console.log(
  `blend weights (fitted on ${cal.length} OOS predictions 2016/17–2018/19): ` +
    COMPONENTS.map((c, i) => `${c} ${blend.weights[i].toFixed(3)}`).join(', '),
);
console.log(`matches predicted ${preds.length}, with Pinnacle odds ${withOdds.length}`);
console.log(`model wall time ${modelMs.toFixed(0)} ms`);
console.log(
  ['model'.padEnd(22), 'n'.padStart(5), 'RPS'.padStart(8), 'logloss', 'Brier'.padStart(8)].join(
    ' ',
  ),
);
for (const [name, s] of rows) {
  console.log(
    [
      name.padEnd(22),
      String(s.n).padStart(5),
      f(s.rps).padStart(8),
      f(s.logLoss).padStart(7),
      f(s.brier).padStart(8),
    ].join(' '),
  );
}
console.log(
  `blend ECE (10 bins) ${f(
    calibration(
      preds.map((p) => p.probs),
      outcomes,
    ).ece,
  )}`,
);
