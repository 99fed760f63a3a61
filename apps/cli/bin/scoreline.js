#!/usr/bin/env node
// The `scoreline` command (npx scoreline …). Loads the compiled CLI from ../dist.
// A reader that closes the pipe early (`scoreline predict … | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require('../dist/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`scoreline: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  });
