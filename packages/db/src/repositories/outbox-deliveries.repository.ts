import type { Db } from '../create-db';
import { toDate, toDbTimestamp, toNumber, toNumberOrNull } from '../values';
import { isUniqueViolation } from './upsert';

/** One part of an outbox message handed to Telegram. */
export interface OutboxDelivery {
  jobId: string;
  /** 0-based index among the message's parts. */
  part: number;
  chatId: number;
  /** Telegram's id for the sent message; null while (or if never) confirmed. */
  messageId: number | null;
  sentAt: Date;
}

/** The parts of job `jobId` already claimed, in part order. */
export async function listOutboxDeliveries(db: Db, jobId: string): Promise<OutboxDelivery[]> {
  const rows = (await db
    .writer('outbox_deliveries')
    .where({ job_id: jobId })
    .orderBy('part')) as Array<Record<string, unknown>>;
  return rows.map(toDelivery);
}

/**
 * Claims a part just before it is sent. False when the part was claimed already (by an earlier
 * run of the job, or a concurrent one after a stalled lock): the caller must not send it.
 */
export async function claimOutboxDelivery(
  db: Db,
  input: { jobId: string; part: number; chatId: number; sentAt: Date },
): Promise<boolean> {
  try {
    await db.writer('outbox_deliveries').insert({
      job_id: input.jobId,
      part: input.part,
      chat_id: input.chatId,
      message_id: null,
      sent_at: toDbTimestamp(input.sentAt),
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Records Telegram's message id for a claimed part: the part is known delivered. */
export async function confirmOutboxDelivery(
  db: Db,
  jobId: string,
  part: number,
  messageId: number,
): Promise<void> {
  await db
    .writer('outbox_deliveries')
    .where({ job_id: jobId, part })
    .update({ message_id: messageId });
}

/** Gives a claim back when Telegram is known not to have delivered the part (an error answer). */
export async function releaseOutboxDelivery(db: Db, jobId: string, part: number): Promise<void> {
  await db
    .writer('outbox_deliveries')
    .where({ job_id: jobId, part })
    .whereNull('message_id')
    .delete();
}

/** Deliveries to group chats (negative ids) since `since`, oldest first: the group window. */
export async function listGroupDeliveriesSince(db: Db, since: Date): Promise<OutboxDelivery[]> {
  const rows = (await db
    .writer('outbox_deliveries')
    .where('chat_id', '<', 0)
    .where('sent_at', '>=', toDbTimestamp(since))
    .orderBy('sent_at')) as Array<Record<string, unknown>>;
  return rows.map(toDelivery);
}

/** Deletes deliveries sent before `before`; returns how many. */
export async function deleteOutboxDeliveriesBefore(db: Db, before: Date): Promise<number> {
  return db.writer('outbox_deliveries').where('sent_at', '<', toDbTimestamp(before)).delete();
}

function toDelivery(r: Record<string, unknown>): OutboxDelivery {
  return {
    jobId: String(r.job_id),
    part: toNumber(r.part),
    chatId: toNumber(r.chat_id),
    messageId: toNumberOrNull(r.message_id),
    sentAt: toDate(r.sent_at),
  };
}
