// The protocol's scoring run (docs/model.md): EPL, La Liga and Bundesliga 2019/20–2024/25, each
// match forecast only from earlier matches, weekly refits, three seasons of warm-up before the
// window (the same `warmedBacktest` as `scoreline backtest`). Prints RPS with a bootstrap 95%
// interval, the paired difference against the plain Dixon-Coles member and, for the EPL when the
// odds folder sits beside the repository (../shared/data/fdcouk-epl-odds, never copied), against
// Pinnacle's de-vigged pre-closing and closing prices — overall and per season.
//
// Every run on the evaluation window appends to docs/model-results.md (the count of looks).
// `--period dev` scores 2009/10–2018/19 instead, for tuning, and logs nothing.
// Usage: npx tsc -b packages/model && node bench/backtest.js [--label NAME] [--period dev]
//        [--league E0] [--repeat 3] [--xi …] [--prior …] [--share …] [--red …] [--k …]
//        [--elo '{"earlyBoost":0.5}'] (Elo options merged into ELO_DEFAULTS)
const {
  summarize,
  devigMultiplicative,
  calibration,
  rpsInterval,
  pairedRpsDifference,
  COMPONENTS,
  ELO_DEFAULTS,
  PRODUCTION_DEFAULTS,
} = require('@scoreline/model');
const { loadEplOdds, ODDS_DIR } = require('./lib/data');
const { parseArgs } = require('./lib/args');
const { LEAGUES, LEAGUE_NAMES, PERIODS, periodHistory, protocolRun } = require('./lib/protocol');
const { logEvaluation } = require('./lib/results-log');

const args = parseArgs(process.argv.slice(2));
// Every run without `--period dev` is a logged look at the evaluation window, so a typo or
// `--help` must not start one: unknown flags print the usage and stop.
const KNOWN = ['label', 'period', 'league', 'repeat', 'xi', 'prior', 'share', 'red', 'k', 'elo'];
KNOWN.push('pooling', 'finishing', 'shotsXi', 'offTarget', 'stackWindow');
const unknown = Object.keys(args).filter((k) => !KNOWN.includes(k));
if (unknown.length > 0) {
  console.error(
    `${unknown.includes('help') ? '' : `unknown option(s): ${unknown.join(', ')}\n`}` +
      'usage: node bench/backtest.js [--period dev] [--label NAME] [--league E0|SP1|D1] ' +
      '[--repeat N] [--xi X] [--prior K] [--share S] [--red W] [--k K] [--elo JSON] ' +
      '[--pooling linear|logarithmic] [--finishing K|off] [--shotsXi X] [--offTarget 1] ' +
      '[--stackWindow N]\nwithout --period dev the run scores the evaluation window and is ' +
      'logged in docs/model-results.md',
  );
  process.exit(unknown.includes('help') ? 0 : 2);
}
const period = args.period ?? 'eval';
const leagues = args.league ? [args.league] : LEAGUES;
const options = {
  ...(args.xi !== undefined ? { xi: args.xi } : {}),
  ...(args.prior !== undefined ? { priorWeight: args.prior } : {}),
  ...(args.share !== undefined ? { shotsShare: args.share } : {}),
  ...(args.red !== undefined ? { redCardWeight: args.red } : {}),
  ...(args.k !== undefined || args.elo !== undefined
    ? {
        elo: {
          ...ELO_DEFAULTS,
          ...(args.k !== undefined ? { k: args.k } : {}),
          ...(args.elo !== undefined ? JSON.parse(args.elo) : {}),
        },
      }
    : {}),
  ...(args.pooling !== undefined ? { pooling: args.pooling } : {}),
  ...(args.finishing !== undefined
    ? { finishingShrink: args.finishing === 'off' ? null : args.finishing }
    : {}),
  ...(args.shotsXi !== undefined ? { shotsXi: args.shotsXi } : {}),
  ...(args.offTarget ? { useOffTarget: true } : {}),
  ...(args.stackWindow !== undefined ? { stackingWindow: args.stackWindow } : {}),
};
const f = (x) => x.toFixed(4);
const ci = (s) => `${f(s.rps)} [${f(s.lo)}, ${f(s.hi)}]`;
const diff = (d) =>
  `${d.rps >= 0 ? '+' : ''}${f(d.rps)} [${f(d.lo)}, ${f(d.hi)}] DM ${d.dm.toFixed(2)} p ${d.p.toFixed(3)}`;
const seasonOf = (date) => {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 7 ? y : y - 1;
};

/** Paired comparisons of the blend on a set of forecasts: vs the Dixon-Coles member and market. */
function compare(preds, odds) {
  const o = preds.map((p) => p.outcome);
  const blend = preds.map((p) => p.probs);
  const out = {
    n: preds.length,
    blend: rpsInterval(blend, o),
    dc: summarize(
      preds.map((p) => p.components.dixonColes),
      o,
    ).rps,
    vsDc: pairedRpsDifference(
      blend,
      preds.map((p) => p.components.dixonColes),
      o,
    ),
    market: {},
  };
  if (!odds) return out;
  const key = (p) => `${p.date}|${p.home}|${p.away}`;
  for (const field of ['pinnacle', 'pinnacleClosing']) {
    const withOdds = preds.filter((p) => odds.get(key(p))?.[field]?.every((x) => x > 1));
    if (withOdds.length === 0) continue;
    const mk = withOdds.map((p) => devigMultiplicative(odds.get(key(p))[field]));
    const oo = withOdds.map((p) => p.outcome);
    out.market[field] = {
      rps: summarize(mk, oo).rps,
      diff: pairedRpsDifference(
        withOdds.map((p) => p.probs),
        mk,
        oo,
      ),
    };
  }
  return out;
}

const results = [];
for (const league of leagues) {
  const matches = periodHistory(league, period);
  const repeats = league === 'E0' ? (args.repeat ?? 3) : 1;
  const times = [];
  let run;
  for (let r = 0; r < repeats; r++) {
    run = protocolRun(matches, period, options);
    times.push(run.ms.window);
  }
  times.sort((a, b) => a - b);
  const preds = run.predictions;
  const odds = league === 'E0' && period === 'eval' ? loadEplOdds() : null;
  const p = PERIODS[period];
  console.log(
    `\n${LEAGUE_NAMES[league]} (${league}) ${p.first}/${String((p.first + 1) % 100).padStart(2, '0')}–${p.last}/${String((p.last + 1) % 100).padStart(2, '0')}: ${preds.length} matches, ${new Set(preds.map((x) => x.fitAsOf)).size} weekly refits, warm-up ${run.warmup.length} forecasts; ` +
      `model time of the window (${repeats} run${repeats > 1 ? 's' : ''}): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms (warm-up ${run.ms.warmup.toFixed(0)} ms)`,
  );
  const o = preds.map((x) => x.outcome);
  for (const c of COMPONENTS)
    console.log(
      `  ${c.padEnd(12)} ${ci(
        rpsInterval(
          preds.map((x) => x.components[c]),
          o,
        ),
      )}`,
    );
  const all = compare(preds, odds);
  console.log(
    `  ${'blend'.padEnd(12)} ${ci(all.blend)}  ECE ${f(
      calibration(
        preds.map((x) => x.probs),
        o,
      ).ece,
    )}`,
  );
  console.log(`  blend RPS, five decimals:  ${all.blend.rps.toFixed(5)}`);
  console.log(`  blend − Dixon-Coles:        ${diff(all.vsDc)}`);
  for (const [field, m] of Object.entries(all.market))
    console.log(
      `  blend − ${field.padEnd(19)} ${diff(m.diff)} (market RPS ${f(m.rps)}, n ${m.diff.n})`,
    );
  if (league === 'E0' && period === 'eval' && !odds)
    console.log(`  no ${ODDS_DIR}: skipping the comparison with Pinnacle's odds`);
  console.log(`  per season: RPS [95%] | Dixon-Coles | blend − DC | blend − closing`);
  for (let y = p.first; y <= p.last; y++) {
    const s = compare(
      preds.filter((x) => seasonOf(x.date) === y),
      odds,
    );
    if (s.n === 0) continue;
    const close = s.market.pinnacleClosing;
    console.log(
      `  ${y}/${String((y + 1) % 100).padStart(2, '0')} n ${String(s.n).padStart(3)}  ${ci(s.blend)} | ${f(s.dc)} | ${f(s.vsDc.rps)} [${f(s.vsDc.lo)}, ${f(s.vsDc.hi)}] | ${close ? `${f(close.diff.rps)} [${f(close.diff.lo)}, ${f(close.diff.hi)}]` : '—'}`,
    );
  }
  results.push({ league, ...all, market: all.market.pinnacleClosing?.rps ?? null });
}

const settings = { ...PRODUCTION_DEFAULTS, ...options };
console.log(`\nsettings ${JSON.stringify({ ...settings, elo: options.elo ?? ELO_DEFAULTS })}`);
if (period === 'eval') {
  const log = logEvaluation(args.label ?? 'unlabelled', settings, results);
  console.log(`logged this look at the evaluation window in ${log}`);
}
