// A second process writing to a SQLite file while the parent backs it up. Each transaction adds
// one row and bumps `meta.committed` to that row's seq, so a consistent snapshot always has
// count(rows) = max(seq) = meta.committed. Protocol over IPC: 'count' → {type:'count', committed};
// 'stop' → {type:'stopped', committed}, then exit.
/* global setImmediate */
'use strict';
const [, , betterSqlite3Path, dbPath] = process.argv;
const Database = require(betterSqlite3Path);

const db = new Database(dbPath, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const insert = db.prepare('INSERT INTO rows (seq, payload) VALUES (?, ?)');
const bump = db.prepare('UPDATE meta SET committed = ?');
const commit = db.transaction((seq) => {
  insert.run(seq, `row-${seq}-${'x'.repeat(100)}`);
  bump.run(seq);
});

let committed = db.prepare('SELECT committed FROM meta').pluck().get();
let stopping = false;

process.on('message', (message) => {
  if (message === 'count') process.send({ type: 'count', committed });
  if (message === 'stop') stopping = true;
});

function loop() {
  for (let i = 0; i < 10 && !stopping; i++) {
    commit(committed + 1);
    committed += 1;
  }
  if (!stopping) {
    setImmediate(loop);
    return;
  }
  db.close();
  process.send({ type: 'stopped', committed }, () => process.exit(0));
}

process.send({ type: 'ready', committed });
loop();
