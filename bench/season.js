// Season simulation speed: 10,000 runs of the second half of the 2024/25 Premier League (190
// matches, each score drawn from a Dixon-Coles matrix fitted as of the midpoint), next to the
// bare cost of drawing the same number of uniforms and summing them, measured in the same run.
// Usage: npx tsc -b packages/model && node bench/season.js [--runs 10000] [--repeat 5]
const { performance } = require('node:perf_hooks');
const {
  createRng,
  fitDixonColes,
  predictScoreMatrix,
  remainingRoundRobin,
  simulateSeason,
} = require('@scoreline/model');
const { loadHistory } = require('./lib/data');
const { parseArgs } = require('./lib/args');

const args = parseArgs(process.argv.slice(2));
const RUNS = args.runs ?? 10_000;
const REPEAT = args.repeat ?? 5;

const history = loadHistory('E0', 2021, 2024);
const season = history.filter((m) => m.date >= '2024-07-01');
const played = season.slice(0, 190);
const asOf = season[190].date;
const params = fitDixonColes(
  history.filter((m) => m.date < asOf),
  { asOf },
);
const teams = [...new Set(season.flatMap((m) => [m.home, m.away]))];
const remaining = remainingRoundRobin(teams, played).map((p) => ({
  ...p,
  matrix: predictScoreMatrix(params, p.home, p.away),
}));

function median(fn) {
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEAT / 2)];
}

let sink = 0;
const bare = median((i) => {
  const rng = createRng(i + 1);
  for (let k = 0; k < RUNS * remaining.length; k++) sink += rng();
});
const simulated = median((i) => {
  sink += simulateSeason(played, remaining, { runs: RUNS, rng: createRng(i + 1) })[0].title;
});
console.log(
  `season simulation: ${RUNS} runs × ${remaining.length} remaining matches, ${teams.length} teams (median of ${REPEAT})`,
);
console.log(`simulateSeason  ${simulated.toFixed(0)} ms`);
console.log(`bare draws+sum  ${bare.toFixed(0)} ms  (${(simulated / bare).toFixed(1)}× bare)`);
if (!Number.isFinite(sink)) process.exitCode = 1;
