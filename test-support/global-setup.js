// Probes Postgres and Redis once per test run. A missing service makes its suites skip with one
// loud line, unless REQUIRE_SERVICES=1 (CI), where it fails the run. The result reaches the test
// workers through environment variables, which Jest workers inherit.
/* eslint-disable no-restricted-properties */
const net = require('node:net');

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379/15';

async function probePostgres(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err.message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function probeRedis(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (reason) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(3000, () => done('timeout'));
    socket.on('error', (err) => done(err.message));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (buf) =>
      done(buf.toString().startsWith('+PONG') ? null : buf.toString().trim()),
    );
  });
}

module.exports = async function globalSetup() {
  const pgUrl = process.env.TEST_DATABASE_URL || DEFAULT_PG;
  const redisUrl = process.env.TEST_REDIS_URL || DEFAULT_REDIS;
  process.env.TEST_DATABASE_URL = pgUrl;
  process.env.TEST_REDIS_URL = redisUrl;
  const require_ = process.env.REQUIRE_SERVICES === '1';
  const missing = [];
  for (const [name, envKey, probe, url] of [
    ['Postgres', 'SCORELINE_TEST_POSTGRES', probePostgres, pgUrl],
    ['Redis', 'SCORELINE_TEST_REDIS', probeRedis, redisUrl],
  ]) {
    const failure = await probe(url);
    process.env[envKey] = failure ? '0' : '1';
    if (failure) missing.push(`${name} (${failure})`);
  }
  for (const m of missing) {
    const line = require_
      ? `!!! REQUIRED SERVICE UNREACHABLE: ${m}`
      : `!!! SKIPPING suites that need ${m}; set REQUIRE_SERVICES=1 to make this a failure`;
    process.stderr.write(`\n${line}\n`);
  }
  if (require_ && missing.length > 0) {
    throw new Error(`REQUIRE_SERVICES=1 but unreachable: ${missing.join(', ')}`);
  }
};
