// A writer process for crash tests: loads atomic-write.ts from source (TypeScript transpiled on
// the fly, no build needed), writes PAYLOAD over TARGET in small chunks and, on reaching STAGE,
// tells the parent over IPC and hangs there until it is killed.
'use strict';
const fs = require('node:fs');

const [, , typescriptPath, modulePath, target, payloadFile, stage] = process.argv;
const ts = require(typescriptPath);
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: filename,
  });
  module._compile(out.outputText, filename);
};

const { writeFileAtomic } = require(modulePath);
let chunks = 0;
writeFileAtomic(target, fs.readFileSync(payloadFile), {
  chunkSize: 1024,
  onStage: (s) => {
    if (s === 'chunk-written') chunks++;
    // "chunk-written" stops after the second chunk: some, not all, of the new bytes are out.
    const hit = s === stage && (s !== 'chunk-written' || chunks === 2);
    if (!hit) return undefined;
    return new Promise(() => process.send({ stage: s, chunks }));
  },
}).then(
  () => process.send({ stage: 'done' }),
  (err) => process.send({ stage: 'error', message: String(err) }),
);
