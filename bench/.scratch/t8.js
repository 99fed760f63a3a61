const { loadPddl } = require('../lib/data');
const F = require('../../packages/model/dist/dixon-coles/fit.js');
const ms = loadPddl('premier-league', 2021, 2023);
for (const mi of [0, 300]) {
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    F.fitDixonColes(ms, { asOf: '2024-07-01', maxIterations: mi });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(mi, 'median', times[100].toFixed(3), 'min', times[0].toFixed(3));
}
