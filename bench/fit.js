// One Dixon-Coles fit on EPL 2021/22–2023/24 (1,140 matches), cold start, median of many runs.
// Usage: npx tsc -b packages/model && node bench/fit.js [--runs 200]
const { performance } = require('node:perf_hooks');
const { fitDixonColes } = require('@scoreline/model');
const { loadHistory } = require('./lib/data');
const { parseArgs } = require('./lib/args');

const args = parseArgs(process.argv.slice(2));
const runs = args.runs ?? 200;
const matches = loadHistory('E0', 2021, 2023);
const asOf = '2024-07-01';

// Warm the JIT so the figure reflects steady-state code, as in a long-running worker.
for (let i = 0; i < 20; i++) fitDixonColes(matches, { asOf });
const times = [];
let params;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  params = fitDixonColes(matches, { asOf });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
console.log(
  `Dixon-Coles fit, EPL 2021/22–2023/24: ${matches.length} matches, ${params.teams.length} teams`,
);
console.log(
  `median ${q(0.5).toFixed(2)} ms (min ${times[0].toFixed(2)}, p90 ${q(0.9).toFixed(2)}) over ${runs} runs; ` +
    `${params.iterations} L-BFGS iterations, converged ${params.converged}`,
);
console.log(
  `home advantage η ${params.homeAdvantage.toFixed(3)}, ρ ${params.rho.toFixed(3)}, intercept γ ${params.intercept.toFixed(3)}`,
);
