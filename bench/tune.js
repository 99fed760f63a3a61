// Tunes ξ, the prior precision κ, the shots share s and Elo settings by backtest on seasons
// BEFORE the evaluation window (predictions 2014/15–2018/19, history from 2011/12), so the
// 2019/20–2024/25 figures in bench/backtest.js stay out-of-sample.
// Usage: npx tsc -b packages/model && node bench/tune.js [--part dc|elo]
const {
  createProductionModel,
  rollingBacktest,
  summarize,
  COMPONENTS,
} = require('@scoreline/model');
const { loadHistory } = require('./lib/data');
const { parseArgs } = require('./lib/args');

const args = parseArgs(process.argv.slice(2));
const matches = loadHistory('E0', 2011, 2018);

function run(options) {
  const m = createProductionModel(options);
  const preds = rollingBacktest(matches, {
    from: '2014-07-01',
    to: '2019-06-30',
    model: { fit: m.fit, predict: m.predictProbs },
  });
  const outcomes = preds.map((p) => p.outcome);
  return Object.fromEntries(
    COMPONENTS.map((c) => [
      c,
      summarize(
        preds.map((p) => p.components[c]),
        outcomes,
      ),
    ]),
  );
}

const f = (s) => `${s.rps.toFixed(4)}/${s.logLoss.toFixed(4)}`;
if (args.part === 'shotselo') {
  for (const [shotsShare, cornersShare] of [
    [0.4, 0.3],
    [0.35, 0.25],
    [0.3, 0.35],
    [0.45, 0.25],
  ]) {
    const r = run({
      elo: { k: 30, shotsShare, cornersShare, marginScale: 1, seasonRegression: 0 },
    });
    console.log(`elo s ${shotsShare} corners ${cornersShare}: ${f(r.elo)}`);
  }
} else if (args.part === 'shotsxi') {
  for (const shotsXi of [0.0026, 0.0035, 0.005]) {
    for (const shotsShare of [0.3, 0.5]) {
      const r = run({ xi: 0.0026, shotsXi, shotsShare, redCardWeight: 0.6 });
      console.log(`shotsXi ${shotsXi} s ${shotsShare}: shots ${f(r.shots)}`);
    }
  }
} else if (args.part === 'blend') {
  // The production blend (online stacking) on 2015/16–2018/19, warm-up 2014/15.
  for (const [shotsShare, redCardWeight, elo] of [
    [0.3, 0.6, { k: 30, seasonRegression: 0, shotsShare: 0.5, marginScale: 1 }],
    [
      0.3,
      0.6,
      { k: 30, seasonRegression: 0, shotsShare: 0.35, cornersShare: 0.25, marginScale: 1 },
    ],
  ]) {
    const m = createProductionModel({ xi: 0.0026, shotsShare, redCardWeight, elo });
    const preds = rollingBacktest(matches, {
      from: '2014-07-01',
      to: '2019-06-30',
      model: { fit: m.fit, predict: m.predictProbs },
    }).filter((p) => p.date >= '2015-07-01');
    const o = preds.map((p) => p.outcome);
    const comps = COMPONENTS.map((c) =>
      f(
        summarize(
          preds.map((p) => p.components[c]),
          o,
        ),
      ),
    ).join(' ');
    console.log(
      `s ${shotsShare} red ${redCardWeight} elo ${JSON.stringify(elo)}: blend ${f(
        summarize(
          preds.map((p) => p.probs),
          o,
        ),
      )} (components ${comps})`,
    );
  }
} else if (args.part === 'newcomer') {
  for (const [attack, defence] of [
    [-0.1, -0.1],
    [-0.2, -0.15],
    [-0.3, -0.25],
    [-0.4, -0.3],
  ]) {
    for (const priorWeight of [2, 4]) {
      const r = run({
        xi: 0.0026,
        shotsShare: 0.3,
        priorWeight,
        newcomerPrior: { attack, defence },
      });
      console.log(
        `newcomer ${attack}/${defence} κ ${priorWeight}: dc ${f(r.dixonColes)} shots ${f(r.shots)}`,
      );
    }
  }
} else if (args.part === 'level') {
  for (const levelXi of [undefined, 0.005, 0.01, 0.02]) {
    for (const levelPriorWeight of levelXi === undefined ? [0] : [20, 60]) {
      const r = run({ xi: 0.0026, shotsShare: 0.3, levelXi, levelPriorWeight });
      console.log(
        `levelXi ${levelXi} κh ${levelPriorWeight}: dc ${f(r.dixonColes)} shots ${f(r.shots)}`,
      );
    }
  }
} else if ((args.part ?? 'dc') === 'dc') {
  for (const xi of [0.0018, 0.0026]) {
    for (const priorWeight of [3]) {
      for (const shotsShare of [0.3, 0.5, 0.65]) {
        for (const useOffTarget of [false, true]) {
          const r = run({ xi, priorWeight, shotsShare, useOffTarget });
          console.log(
            `xi ${xi} κ ${priorWeight} s ${shotsShare} off ${useOffTarget}: dc ${f(r.dixonColes)} shots ${f(r.shots)}`,
          );
        }
      }
    }
  }
} else {
  for (const k of [10, 12, 15]) {
    for (const seasonRegression of [0, 0.1]) {
      for (const newcomerOffset of [100]) {
        const r = run({ elo: { k, seasonRegression, newcomerOffset } });
        console.log(`elo k ${k} reg ${seasonRegression} newcomer −${newcomerOffset}: ${f(r.elo)}`);
      }
    }
  }
}
