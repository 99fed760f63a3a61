// Whether a user has accepted the terms (18+, not advice, responsible gambling), and when: the
// gate before /value, /alerts and /portfolio reads it; the terms' "I accept" button writes it.
import { acceptTerms, getTermsAcceptance, type Db } from '@scoreline/db';

/** Bumped when the terms change in substance: users then accept again. */
export const TERMS_VERSION = '1';

export interface TermsService {
  /** True when `userId` accepted the current terms. */
  accepted(userId: number): Promise<boolean>;
  accept(userId: number, at: Date): Promise<void>;
  /** When the user accepted the current terms, if they did. */
  acceptedAt(userId: number): Promise<Date | null>;
}

export function createTermsService(db: Db): TermsService {
  const current = async (userId: number) => {
    const a = await getTermsAcceptance(db, userId);
    return a && a.version === TERMS_VERSION ? a : null;
  };
  return {
    accepted: async (userId) => (await current(userId)) !== null,
    accept: (userId, at) => acceptTerms(db, userId, TERMS_VERSION, at),
    acceptedAt: async (userId) => (await current(userId))?.acceptedAt ?? null,
  };
}
