#!/usr/bin/env node
// `npm start`: runs the role in ROLE (api, worker, tgbot, all). The launcher is compiled from
// bin/src by `npm run build` (also run by `npm ci` through the prepare script).
require('./dist/start.js')
  .main(process.argv.slice(2))
  .catch((err) => {
    process.stderr.write(`fatal: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  });
