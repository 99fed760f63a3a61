// A real worker process for the crash-recovery test: runs the compiled @scoreline/queue
// (dist/) and reports over IPC, so the test can SIGKILL it in the middle of a job.
// Usage (via child_process.fork): sigkill-worker.js <redisUrl> <prefix> <counterKey>
const path = require('node:path');
const { setTimeout } = require('node:timers');
const { Redis } = require('ioredis');
const { createBullmqBackend } = require(path.join(__dirname, '..', '..', 'dist', 'index.js'));

const [redisUrl, prefix, counterKey] = process.argv.slice(2);
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

async function main() {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const backend = createBullmqBackend({
    redisUrl,
    prefix,
    logger: quiet,
    role: 'worker',
    worker: { lockDuration: 1000, stalledInterval: 300 },
  });
  await backend.startWorkers(
    {
      sync: async (_payload, ctx) => {
        process.send({ type: 'started', jobId: ctx.jobId, attempt: ctx.attempt });
        // Long enough that the test always kills us first; if it did not, this completion
        // would be counted and the "exactly once" assertion would catch it.
        await new Promise((resolve) => setTimeout(resolve, 60_000));
        await redis.incr(counterKey);
        return { status: 'ok', leagues: [], fixtures: 0, odds: 0 };
      },
    },
    { only: ['sync'] },
  );
  process.send({ type: 'ready' });
}

main().catch((err) => {
  process.stderr.write(`sigkill-worker failed: ${err && err.stack}\n`);
  process.exit(1);
});
