// Preloaded into the bench's child processes (`node -r`): counts the SQL statements this process
// sends to Postgres (every query of every knex pool goes through pg.Client#query) and tells the
// bench the count when it asks over the IPC channel.
const pg = require('pg');

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements += 1;
  return query.apply(this, args);
};

if (process.send) {
  process.on('message', (m) => {
    if (m === 'sql-count') process.send({ sqlCount: statements });
  });
  // The channel must not keep a stopped role alive.
  process.channel.unref();
}
