#!/usr/bin/env node
// `npm run sandbox`: the whole system on a laptop with no token and no network, and a chat with
// the bot in the terminal. Compiled from bin/src/sandbox by `npm run build` (also run by
// `npm ci` through the prepare script).
require('./dist/sandbox/main.js')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`fatal: ${err && err.message ? err.message : err}\n`);
      process.exitCode = 1;
    },
  );
