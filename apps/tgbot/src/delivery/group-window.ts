// A restarted bot would otherwise forget which groups it just wrote to and could send a group a
// 21st message within Telegram's minute: the last window of group deliveries is read back from
// outbox_deliveries into the fresh limiter.
import { listGroupDeliveriesSince, type Db } from '@scoreline/db';
import type { SendRateLimiter } from './send-rate-limiter';

/** The limiter's group window (61 s) and a little more for clock skew between processes. */
const LOOKBACK_MS = 62_000;

/** Feeds the recent group deliveries into `limiter`; returns how many. */
export async function restoreGroupWindow(
  db: Db,
  limiter: Pick<SendRateLimiter, 'remember'>,
  now: Date = new Date(),
): Promise<number> {
  const rows = await listGroupDeliveriesSince(db, new Date(now.getTime() - LOOKBACK_MS));
  for (const row of rows) limiter.remember(String(row.chatId), row.sentAt.getTime());
  return rows.length;
}
