// A real worker process for the SIGTERM test: the compiled worker role (dist/) on BullMQ and a
// SQLite file, stopping the way the launcher does on SIGTERM (stop taking jobs, finish running
// ones, close). Usage (child_process.fork): sigterm-worker.js <redisUrl> <prefix> <dbPath> <dataDir>
const path = require('node:path');
const { loadConfig } = require('@scoreline/config');
const { createDb, createSqlHeartbeatStore } = require('@scoreline/db');
const { createQueueBackend } = require('@scoreline/queue');
const { Registry } = require('prom-client');
const { startWorkerRole } = require(path.join(__dirname, '..', '..', 'dist', 'index.js'));

const [redisUrl, prefix, dbPath, dataDir] = process.argv.slice(2);
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

async function main() {
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      ENABLE_SCHEDULER: '0',
      SHUTDOWN_TIMEOUT: '60',
      BOOTSTRAP: '0',
      FOOTBALL_DATA_SYNC: '0',
    },
    { dataDirUsable: () => true },
  );
  const db = createDb({ client: 'sqlite', path: dbPath });
  const queue = createQueueBackend({ redisUrl, prefix, logger: quiet, role: 'worker' });
  const worker = await startWorkerRole(config, {
    logger: quiet,
    heartbeats: createSqlHeartbeatStore(db),
    instance: `sigterm:${process.pid}`,
    db,
    queue,
    metrics: new Registry(),
    overrides: { retrainOptions: { minHistoryDays: 100, evalDays: 120, warmupDays: 0 } },
  });
  process.once('SIGTERM', () => {
    void (async () => {
      await worker.stop();
      await queue.close();
      await db.destroy();
      process.exit(0);
    })();
  });
  process.send({ type: 'ready' });
}

main().catch((err) => {
  process.stderr.write(`sigterm-worker failed: ${err && err.stack}\n`);
  process.exit(1);
});
