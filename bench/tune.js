// Tunes ξ, the prior precision κ, the shots share s and Elo settings by backtest on seasons
// BEFORE the evaluation window (predictions 2014/15–2018/19, history from 2011/12), so the
// 2019/20–2024/25 figures in bench/backtest.js stay out-of-sample. Every part reads the
// development period only (docs/model.md, evaluation protocol); `node bench/backtest.js --period
// dev` scores any setting on all three leagues' 2009/10–2018/19.
// Usage: npx tsc -b packages/model && node bench/tune.js [--part dc|elo|pi|…]
//        --part pool|members|promoted|season: development period 2009/10–2018/19, three leagues
//        (bench/lib/dev-lab.js), the experiments of docs/model.md's candidate table.
const {
  createProductionModel,
  rollingBacktest,
  summarize,
  COMPONENTS,
  ELO_DEFAULTS,
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
if (args.part === 'pi') {
  runPi();
} else if (['pool', 'members', 'promoted', 'season'].includes(args.part)) {
  runLab(args.part);
} else if (args.part === 'shotselo') {
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

// --part pi: does a pi-ratings member improve the pool? Development period only (2009/10–
// 2018/19, three leagues). The three members' out-of-sample forecasts come from the protocol
// run; pi-ratings are advanced to each fit date (as fresh as the other members, no fresher) and
// linked by a time-weighted ordered logit on the last three years. The 3- and 4-member linear
// pools are both refitted walk-forward at every weekly fit date on the last 1,900 earlier
// forecasts, so they are compared like with like.
function runPi() {
  const { fitBlendWeights, fitOrderedLogit, orderedLogitProbs } = require('@scoreline/model');
  const { LEAGUES, periodHistory, protocolRun, PERIODS } = require('./lib/protocol');
  const { createPi } = require('./lib/pi-ratings');
  const DAY = 86400000;
  for (const league of LEAGUES) {
    const matches = periodHistory(league, 'dev');
    const run = protocolRun(matches, 'dev');
    const all = [...run.warmup, ...run.predictions];
    const variants = {
      goals: createPi(matches),
      sot: createPi(matches, {
        margin: (m) =>
          0.5 * (m.homeGoals - m.awayGoals) +
          0.5 * 0.3 * ((m.stats.homeShotsOnTarget ?? 0) - (m.stats.awayShotsOnTarget ?? 0)),
      }),
    };
    const piProbs = {};
    for (const [name, pi] of Object.entries(variants)) {
      let link = null;
      let linkAsOf = '';
      piProbs[name] = all.map((p) => {
        pi.advanceTo(p.fitAsOf);
        if (p.fitAsOf !== linkAsOf) {
          const asOfDay = Math.floor(Date.parse(p.fitAsOf) / DAY);
          const idx = pi.samples.day
            .map((d, i) => i)
            .filter((i) => asOfDay - pi.samples.day[i] < 1095);
          link = fitOrderedLogit(
            idx.map((i) => pi.samples.x[i]),
            idx.map((i) => pi.samples.outcome[i]),
            idx.map((i) => Math.exp(-0.002 * (asOfDay - pi.samples.day[i]))),
            link ?? undefined,
          );
          linkAsOf = p.fitAsOf;
        }
        return orderedLogitProbs(link, pi.expect(p.home, p.away));
      });
    }
    const memberSets = {
      '3 members': (i) => COMPONENTS.map((c) => all[i].components[c]),
      '+pi goals': (i) => [...COMPONENTS.map((c) => all[i].components[c]), piProbs.goals[i]],
      '+pi sot': (i) => [...COMPONENTS.map((c) => all[i].components[c]), piProbs.sot[i]],
    };
    const dev = all.map((p, i) => i).filter((i) => all[i].date >= PERIODS.dev.from);
    const out = [];
    for (const [name, members] of Object.entries(memberSets)) {
      const probs = new Array(all.length);
      let w = null;
      let asOf = '';
      for (const i of dev) {
        if (all[i].fitAsOf !== asOf) {
          asOf = all[i].fitAsOf;
          const past = all
            .map((p, j) => j)
            .filter((j) => all[j].date < asOf)
            .slice(-1900);
          w = fitBlendWeights(
            past.map(members),
            past.map((j) => all[j].outcome),
          ).weights;
        }
        const ms = members(i);
        probs[i] = [0, 1, 2].map((o) => ms.reduce((s, p, k) => s + w[k] * p[o], 0));
      }
      const s = summarize(
        dev.map((i) => probs[i]),
        dev.map((i) => all[i].outcome),
      );
      out.push(`${name} ${s.rps.toFixed(5)}`);
    }
    const pg = summarize(
      dev.map((i) => piProbs.goals[i]),
      dev.map((i) => all[i].outcome),
    );
    const ps = summarize(
      dev.map((i) => piProbs.sot[i]),
      dev.map((i) => all[i].outcome),
    );
    console.log(
      `${league}: pi goals alone ${pg.rps.toFixed(5)}, pi sot alone ${ps.rps.toFixed(5)}; pools: ${out.join(', ')}`,
    );
  }
}

// --part pool: recalibrated and stacked pools against the linear pool; --part members: extra
// members (the same ensemble at other settings) in the linear pool; --part promoted: the in-sample
// ceiling of any promoted-side prior; --part season: Elo early-season K boost, off-target shots
// in the Elo margin. All on 2009/10–2018/19.
function runLab(part) {
  const { LEAGUES, MEMBERS, devForecasts, replayPool, promotedOracle } = require('./lib/dev-lab');
  const r5 = (x) => x.toFixed(5);
  const legacyElo = {
    k: 30,
    shotsShare: 0.35,
    cornersShare: 0.25,
    marginScale: 1,
    seasonRegression: 0,
  };
  const blendRps = (rows) =>
    summarize(
      rows.filter((r) => !r.warmup).map((r) => r.probs),
      rows.filter((r) => !r.warmup).map((r) => r.outcome),
    ).rps;
  for (const league of LEAGUES) {
    const rows = devForecasts(league);
    const out = [];
    if (part === 'pool') {
      out.push(`linear ${r5(replayPool(rows).rps)}`);
      for (const kind of ['recal', 'stack'])
        for (const lambda of [0.01, 0.1, 1, 10])
          out.push(`${kind} λ ${lambda} ${r5(replayPool(rows, { kind, lambda }).rps)}`);
    } else if (part === 'members') {
      const variants = {
        'shots ξ 0.006': [{ xi: 0.006 }, 'shots'],
        'shots ξ 0.0015': [{ xi: 0.0015 }, 'shots'],
        'shots-on-target volume × finishing (share 1)': [{ shotsShare: 1 }, 'shots'],
        'all shots volume × conversion': [{ shotsShare: 1, useOffTarget: true }, 'shots'],
        'Elo K 15': [{ elo: { ...ELO_DEFAULTS, k: 15 } }, 'elo'],
        'Elo K 60': [{ elo: { ...ELO_DEFAULTS, k: 60 } }, 'elo'],
      };
      out.push(`3 members ${r5(replayPool(rows).rps)}`);
      for (const [name, [options, member]] of Object.entries(variants)) {
        const extra = devForecasts(league, options);
        const index = new Map(rows.map((r, i) => [r, i]));
        const rps = replayPool(rows, {
          members: (r) => [
            ...MEMBERS.map((k) => r.components[k]),
            extra[index.get(r)].components[member],
          ],
        }).rps;
        out.push(`+ ${name} ${r5(rps)}`);
      }
    } else if (part === 'promoted') {
      for (const first of [5, 10, 19]) {
        const o = promotedOracle(rows, first);
        out.push(
          `first ${first}: ${o.affected} matches, shift ${o.shift.toFixed(2)}, ${r5(o.base)} → ${r5(o.rps)}`,
        );
      }
    } else {
      const variants = {
        'previous Elo (corners 0.25, no off-target, no boost)': { elo: legacyElo },
        'boost only': { elo: { ...legacyElo, earlyBoost: 0.5, boostMatches: 6 } },
        'off-target only': { elo: { ...legacyElo, cornersShare: 0.2, offTargetShare: 0.1 } },
        'current + K 25, boost 1.0': { elo: { ...ELO_DEFAULTS, k: 25, earlyBoost: 1 } },
      };
      out.push(`current ${r5(blendRps(rows))}`);
      for (const [name, options] of Object.entries(variants))
        out.push(`${name} ${r5(blendRps(devForecasts(league, options)))}`);
    }
    console.log(`${league}: ${out.join('; ')}`);
  }
}
