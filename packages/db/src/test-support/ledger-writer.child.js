// Another process storing predictions into the same SQLite file, through the built repository
// (`npx tsc -b` first), and sealing after each as the worker does, so two processes append to the
// prediction ledger at once. Arguments: the file and a JSON prediction input; stores `count`
// copies, then reports {type:'done', ids}.
'use strict';
const [, , dbPath, inputJson, count] = process.argv;
const { createDb, insertPrediction, sealPendingPredictions } = require('@scoreline/db');

async function main() {
  const db = createDb({ client: 'sqlite', path: dbPath });
  const input = JSON.parse(inputJson);
  const ids = [];
  try {
    for (let i = 0; i < Number(count); i++) {
      ids.push(
        await insertPrediction(db, {
          ...input,
          requestedAt: new Date(input.requestedAt),
          pHome: 0.4 + i / 10_000,
        }),
      );
      await sealPendingPredictions(db);
    }
  } finally {
    await db.destroy();
  }
  process.send({ type: 'done', ids }, () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});
