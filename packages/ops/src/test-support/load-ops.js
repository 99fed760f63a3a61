// Loads @scoreline/ops from its TypeScript sources inside a plain `node` child process.
// ts-node is not installed, and building dist from several Jest workers at once would race,
// so .ts files are transpiled on require with the compiler the repository already has. The
// output is cached by content hash (the compiler costs seconds to load and warm up).
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const cacheDir = path.join(os.tmpdir(), 'scoreline-ops-ts-cache');

function transpile(source, filename) {
  const ts = require('typescript');
  return ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  }).outputText;
}

function compileCached(source, filename) {
  const key = crypto
    .createHash('sha256')
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const output = transpile(source, filename);
    // Written under a unique name and renamed, so concurrent children never read half a file.
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, output);
    fs.renameSync(tmp, cached);
    return output;
  }
}

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = (module, filename) => {
    module._compile(compileCached(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}

module.exports = require(path.join(__dirname, '..', 'index.ts'));
