#!/usr/bin/env node
// The `scoreline` command (npx scoreline …). Loads the compiled CLI from ../dist.
require('../dist/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`scoreline: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  });
