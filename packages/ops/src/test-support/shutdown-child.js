// Child process for shutdown tests: argv = <mode> [timeoutMs].
// Hooks are added db, queue, http, so they must close http, queue, db.
// mode "ok": all close; "throws": queue throws; "hang": queue never closes.
const { setInterval, setTimeout } = require('node:timers');
const { createLogger, createShutdown, flushLogger } = require('./load-ops');

const [mode = 'ok', timeoutArg = '5000'] = process.argv.slice(2);
const logger = createLogger({ role: 'test', level: 'info', appVersion: '0.0.0', gitSha: 'test' });
const shutdown = createShutdown({
  timeoutMs: Number(timeoutArg),
  logger,
  beforeExit: () => flushLogger(logger),
});

shutdown.add('db', async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  logger.info('closed db');
});
shutdown.add('queue', () => {
  logger.info('closing queue');
  if (mode === 'hang') return new Promise(() => undefined);
  if (mode === 'throws') throw new Error('queue close failed');
  logger.info('closed queue');
  return undefined;
});
shutdown.add('http', async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  logger.info('closed http');
});
shutdown.installSignalHandlers();

// Keeps the process alive like a server would.
setInterval(() => undefined, 60_000);
logger.info('ready');
