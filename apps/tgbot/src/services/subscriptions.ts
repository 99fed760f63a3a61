// A chat's digest subscriptions (the worker finds them due and queues the digests).
import {
  listSubscriptions,
  removeSubscription,
  upsertSubscription,
  type Db,
  type Subscription,
} from '@scoreline/db';

export interface SubscriptionService {
  list(chatId: number): Promise<Subscription[]>;
  /** `leagueCode` null: every league. */
  upsert(
    input: { chatId: number; leagueCode: string | null; time: string },
    at: Date,
  ): Promise<Subscription>;
  /** False when there was none. */
  remove(chatId: number, leagueCode: string | null): Promise<boolean>;
}

export function createSubscriptionService(db: Db): SubscriptionService {
  return {
    list: (chatId) => listSubscriptions(db, { chatId }),
    upsert: (input, at) => upsertSubscription(db, input, at),
    remove: (chatId, leagueCode) => removeSubscription(db, chatId, leagueCode),
  };
}
