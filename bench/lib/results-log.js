// Appends one row per league to docs/model-results.md for every run of bench/backtest.js on the
// evaluation window: the log is the count of looks at 2019/20–2024/25 the protocol promises.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const LOG = path.resolve(__dirname, '../../docs/model-results.md');

function commit() {
  try {
    const root = path.resolve(__dirname, '../..');
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages/model', 'bench'], {
      cwd: root,
    }).toString();
    return `${sha.trim()}${dirty.trim() ? '+dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}

const f4 = (x) => (Number.isFinite(x) ? x.toFixed(4) : '—');

/** One row per league: `{ league, n, blend: interval, dc, vsDc, market }`. */
function logEvaluation(label, settings, rows, when = new Date()) {
  const c = commit();
  const lines = rows.map(
    (r) =>
      `| ${when.toISOString().slice(0, 16).replace('T', ' ')} | ${c} | ${label} | ${r.league} | \`${JSON.stringify(settings)}\` | ${r.n} | ${f4(r.blend.rps)} [${f4(r.blend.lo)}, ${f4(r.blend.hi)}] | ${f4(r.dc)} | ${f4(r.vsDc.rps)} [${f4(r.vsDc.lo)}, ${f4(r.vsDc.hi)}] | ${r.market ? f4(r.market) : '—'} |`,
  );
  fs.appendFileSync(LOG, `${lines.join('\n')}\n`);
  return LOG;
}

module.exports = { logEvaluation, LOG };
