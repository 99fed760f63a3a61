// `--dry-run`: the boot sequence up to "start serving". It initialises and checks everything a
// real start needs, prints one summary line and exits; it takes no lock and opens no port.
import type { Config } from '@scoreline/config';
import { createDb, migrateLatest, pingDb } from '@scoreline/db';
import { checkTelegramTokenFormat, errorText, maskUrl } from '@scoreline/ops';
import { pingRedisOnce } from './redis';

export interface DryRunResult {
  problems: string[];
  summary: string;
}

export async function runDryRun(config: Config): Promise<DryRunResult> {
  const problems: string[] = [];
  const facts: string[] = [`role=${config.role}`];

  const db = createDb(config.db);
  try {
    await pingDb(db, 5000);
    const applied = await migrateLatest(db);
    facts.push(`db=${db.target}`, `migrations_applied=${applied.length}`);
  } catch (err) {
    problems.push(errorText(err));
  } finally {
    await db.destroy().catch(() => undefined);
  }

  if (config.redis) {
    try {
      await pingRedisOnce(config.redis.url);
      facts.push(`redis=${maskUrl(config.redis.url)}`);
    } catch (err) {
      const reason = errorText(err);
      problems.push(`Redis ${maskUrl(config.redis.url)} did not answer PING: ${reason}`);
    }
  } else {
    facts.push('queue=in-process');
  }

  const needsBot = config.role === 'tgbot' || config.role === 'all';
  const { token } = config.telegram;
  if (token) {
    const bad = checkTelegramTokenFormat(token);
    if (bad) problems.push(bad);
    else facts.push('telegram_token=well-formed');
  } else if (config.role === 'tgbot') {
    problems.push('TELEGRAM_BOT_TOKEN is not set: the tgbot role cannot start');
  } else if (needsBot) {
    facts.push('telegram=off (no TELEGRAM_BOT_TOKEN)');
  }

  problems.push(...portClashes(config));

  return { problems, summary: `dry-run ok: ${facts.join(' ')}` };
}

/**
 * The ports this role would listen on, as the launcher starts them: the api (with /metrics) on
 * PORT for api and all, else the metrics server on METRICS_PORT when metrics are on; the legacy
 * TCP health server on HEALTH_PORT when ENABLE_HEALTH is on. Port 0 means any free port.
 */
function listeners(config: Config): { variable: string; what: string; port: number }[] {
  const servesApi = config.role === 'api' || config.role === 'all';
  return [
    ...(servesApi ? [{ variable: 'PORT', what: 'the api', port: config.api.port }] : []),
    ...(!servesApi && config.metrics.enabled
      ? [{ variable: 'METRICS_PORT', what: 'the metrics server', port: config.metrics.port }]
      : []),
    ...(config.health.enabled
      ? [{ variable: 'HEALTH_PORT', what: 'the TCP health server', port: config.health.port }]
      : []),
  ].filter((l) => l.port !== 0);
}

/** One line per pair of servers the role would start on the same port (the api binds 0.0.0.0). */
function portClashes(config: Config): string[] {
  const all = listeners(config);
  return all.flatMap((a, i) =>
    all
      .slice(i + 1)
      .filter((b) => b.port === a.port)
      .map(
        (b) =>
          `${a.variable} and ${b.variable} are both ${a.port}: ${a.what} and ${b.what} cannot listen on one port in ROLE=${config.role}`,
      ),
  );
}
