// Where a split /predict's time goes, hop by hop, from the timestamps BullMQ keeps on every
// finished job: `timestamp` (the bot added it), `processedOn` (a worker took it) and `finishedOn`
// (the worker stored its result), next to the bench's own send and card times. All four clocks
// are this machine's wall clock (the roles are processes on the same host).
const { performance } = require('node:perf_hooks');
const { Redis } = require('ioredis');

/** The completed predict jobs of a run, per requesting user, oldest first. */
async function readPredictJobs(redisUrl, prefix) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const ids = await redis.zrange(`${prefix}:predict:completed`, 0, -1);
    const pipe = redis.pipeline();
    for (const id of ids) {
      pipe.hmget(`${prefix}:predict:${id}`, 'data', 'timestamp', 'processedOn', 'finishedOn');
    }
    const rows = (await pipe.exec()) ?? [];
    const byUser = new Map();
    for (const [err, fields] of rows) {
      if (err || !fields || fields.includes(null)) continue;
      const [data, added, started, finished] = fields;
      const user = String(JSON.parse(data).requestedBy ?? '');
      const list = byUser.get(user) ?? [];
      list.push({ added: Number(added), started: Number(started), finished: Number(finished) });
      byUser.set(user, list);
    }
    for (const list of byUser.values()) list.sort((a, b) => a.added - b.added);
    return byUser;
  } finally {
    redis.disconnect();
  }
}

const quantile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;

/**
 * Each answered request (`{ userId, start, end }` in performance.now() ms) cut at its job's
 * timestamps: message → job added (emulator delivery, telegraf, the bot's middleware and SQL),
 * added → taken by a worker, taken → result stored (the processor and BullMQ's completion
 * script), stored → card in the emulator (the answer reaching the bot, rendering, sending).
 */
function hopBreakdown(answered, byUser) {
  const hops = { toQueue: [], pickup: [], work: [], toCard: [] };
  for (const a of answered) {
    const start = performance.timeOrigin + a.start;
    const end = performance.timeOrigin + a.end;
    const job = (byUser.get(String(a.userId)) ?? []).find(
      (j) => j.added >= start - 1 && j.finished <= end + 1,
    );
    if (!job) continue;
    hops.toQueue.push(job.added - start);
    hops.pickup.push(job.started - job.added);
    hops.work.push(job.finished - job.started);
    hops.toCard.push(end - job.finished);
  }
  const out = { n: hops.toQueue.length };
  for (const [k, xs] of Object.entries(hops)) {
    xs.sort((x, y) => x - y);
    out[k] = { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) };
  }
  return out;
}

module.exports = { readPredictJobs, hopBreakdown };
