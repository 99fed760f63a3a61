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

  return { problems, summary: `dry-run ok: ${facts.join(' ')}` };
}
