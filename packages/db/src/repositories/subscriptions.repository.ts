import type { Db } from '../create-db';
import { assertIsoDate, toDate, toNumber, toStringOrNull } from '../values';
import { writeTransaction } from '../write-transaction';
import { ensureChat } from './chats.repository';

/** A daily digest request: one per chat and league (or one for all leagues). */
export interface Subscription {
  id: number;
  chatId: number;
  /** League code; null means every league. */
  leagueCode: string | null;
  /** Local time of day in the chat's timezone, 'HH:MM'. */
  time: string;
  /** Local date of the last digest sent, 'YYYY-MM-DD'. */
  lastSentOn: string | null;
  createdAt: Date;
}

/** Creates or re-times the chat's subscription for a league (null: all leagues). */
export async function upsertSubscription(
  db: Db,
  input: { chatId: number; leagueCode: string | null; time: string },
  at: Date = new Date(),
): Promise<Subscription> {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.time)) {
    throw new RangeError(`time must be HH:MM (24h), got ${JSON.stringify(input.time)}`);
  }
  const scope = input.leagueCode ?? '';
  await writeTransaction(db, async ({ writer: trx }) => {
    await ensureChat(trx, input.chatId, at);
    await trx('subscriptions')
      .insert({
        chat_id: input.chatId,
        league_code: scope,
        time: input.time,
        created_at: at.toISOString(),
      })
      .onConflict(['chat_id', 'league_code'])
      .merge(['time']);
  });
  const row = (await db
    .writer('subscriptions')
    .where({ chat_id: input.chatId, league_code: scope })
    .first()) as Record<string, unknown>;
  return toSubscription(row);
}

/** Removes the chat's subscription for a league (null: the all-leagues one); false if none. */
export async function removeSubscription(
  db: Db,
  chatId: number,
  leagueCode: string | null,
): Promise<boolean> {
  const n = await db
    .writer('subscriptions')
    .where({ chat_id: chatId, league_code: leagueCode ?? '' })
    .delete();
  return n > 0;
}

/** Subscriptions, optionally of one chat, by chat then league. */
export async function listSubscriptions(
  db: Db,
  query: { chatId?: number } = {},
): Promise<Subscription[]> {
  const q = db.reader('subscriptions').orderBy(['chat_id', 'league_code']);
  if (query.chatId !== undefined) void q.where({ chat_id: query.chatId });
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map(toSubscription);
}

/** Records the digest as sent for a local date, so the minute scan sends it once a day. */
export async function markSubscriptionSent(db: Db, id: number, localDate: string): Promise<void> {
  await db
    .writer('subscriptions')
    .where({ id })
    .update({ last_sent_on: assertIsoDate(localDate, 'localDate') });
}

function toSubscription(r: Record<string, unknown>): Subscription {
  return {
    id: toNumber(r.id),
    chatId: toNumber(r.chat_id),
    leagueCode: r.league_code === '' ? null : String(r.league_code),
    time: String(r.time),
    lastSentOn: toStringOrNull(r.last_sent_on),
    createdAt: toDate(r.created_at),
  };
}
