// `--name value` pairs into numbers (or strings when not numeric).
function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const v = argv[i + 1];
    out[key] = v !== undefined && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
  }
  return out;
}
module.exports = { parseArgs };
