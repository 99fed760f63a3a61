// Another process committing to a SQLite file while a test works on it: see
// concurrent-writer.child.js for its tables and protocol.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Creates the child's tables (`rows`, `meta`) in a WAL file with `prefill` rows already in it,
 * and a bare migrations table (restoreSqlite only accepts Scoreline databases).
 */
export function seedWriterDatabase(path: string, prefill: number): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  db.exec('CREATE TABLE meta (committed INTEGER NOT NULL)');
  db.exec('CREATE TABLE knex_migrations (id INTEGER PRIMARY KEY, name TEXT)');
  const insert = db.prepare('INSERT INTO rows (seq, payload) VALUES (?, ?)');
  db.transaction(() => {
    for (let seq = 1; seq <= prefill; seq++) insert.run(seq, `row-${seq}-${'x'.repeat(100)}`);
    db.prepare('INSERT INTO meta (committed) VALUES (?)').run(prefill);
  })();
  db.close();
}

/** Starts the writer; `request(msg, reply)` sends `msg` (none when empty) and awaits `reply`. */
export function startWriter(dbPath: string): {
  child: ChildProcess;
  request: (msg: string, reply: string) => Promise<number>;
} {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'concurrent-writer.child.js'), require.resolve('better-sqlite3'), dbPath],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const request = (msg: string, reply: string) =>
    new Promise<number>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`writer exited with ${code} before '${reply}'`));
      const onMessage = (m: { type: string; committed: number }) => {
        if (m.type !== reply) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m.committed);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      if (msg) child.send(msg);
    });
  return { child, request };
}
