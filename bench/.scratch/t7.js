const { loadPddl } = require('../lib/data');
const L = require('../../packages/model/dist/optim/lbfgs.js');
const F = require('../../packages/model/dist/dixon-coles/fit.js');
const ms = loadPddl('premier-league', 2016, 2019);
const p0 = F.fitDixonColes(ms, { asOf: '2019-10-01' });
const orig = L.minimizeLbfgs;
const trace = [];
L.minimizeLbfgs = (fg, x0, op) => {
  const r = orig(
    (x, g) => {
      const f = fg(x, g);
      let m = 0;
      for (const v of g) m = Math.max(m, Math.abs(v));
      trace.push([f, m]);
      return f;
    },
    x0,
    op,
  );
  console.log('gtol', op.gradTol);
  return r;
};
const p = F.fitDixonColes(ms, { asOf: '2019-10-08', init: p0 });
const fs = trace[trace.length - 1][0];
trace.forEach((t, i) => console.log(i, (t[0] - fs).toExponential(2), t[1].toExponential(2)));
