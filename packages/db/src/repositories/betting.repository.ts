// Terms acceptances, value-alert settings and sent alerts, and paper-trading picks (issue #19).
import type { Db } from '../create-db';
import {
  toBool,
  toDate,
  toDateOrNull,
  toDbTimestamp,
  toNumber,
  toNumberOrNull,
  toStringOrNull,
} from '../values';
import { writeTransaction } from '../write-transaction';
import { isUniqueViolation } from './upsert';
import { ensureChat } from './chats.repository';
import { unsettledWithResult } from './unsettled-with-result';

export interface TermsAcceptance {
  userId: number;
  version: string;
  acceptedAt: Date;
}

export async function getTermsAcceptance(db: Db, userId: number): Promise<TermsAcceptance | null> {
  const r = (await db.writer('terms_acceptances').where({ user_id: userId }).first()) as
    Record<string, unknown> | undefined;
  return r
    ? { userId: toNumber(r.user_id), version: String(r.version), acceptedAt: toDate(r.accepted_at) }
    : null;
}

/** Records (or renews) the user's acceptance of terms `version` at `at`. */
export async function acceptTerms(
  db: Db,
  userId: number,
  version: string,
  at: Date,
): Promise<void> {
  await db
    .writer('terms_acceptances')
    .insert({ user_id: userId, version, accepted_at: toDbTimestamp(at) })
    .onConflict('user_id')
    .merge(['version', 'accepted_at']);
}

export interface AlertSettings {
  chatId: number;
  enabled: boolean;
  /** Model minus de-vigged market, in percentage points. */
  minEdge: number;
  /** Empty: every league. */
  leagues: string[];
  mutedLeagues: string[];
  markets: string[];
  maxPerDay: number;
  /** Local 'HH:MM' pair in the chat's timezone, or null. */
  quiet: { from: string; to: string } | null;
}

export type AlertSettingsPatch = Partial<Omit<AlertSettings, 'chatId'>>;

const list = (v: unknown) => (typeof v === 'string' ? v : '').split(',').filter(Boolean);

function toAlertSettings(r: Record<string, unknown>): AlertSettings {
  const from = toStringOrNull(r.quiet_from);
  const to = toStringOrNull(r.quiet_to);
  return {
    chatId: toNumber(r.chat_id),
    enabled: toBool(r.enabled),
    minEdge: toNumber(r.min_edge),
    leagues: list(r.leagues),
    mutedLeagues: list(r.muted_leagues),
    markets: list(r.markets),
    maxPerDay: toNumber(r.max_per_day),
    quiet: from && to ? { from, to } : null,
  };
}

export async function getAlertSettings(db: Db, chatId: number): Promise<AlertSettings | null> {
  const r = (await db.writer('alert_settings').where({ chat_id: chatId }).first()) as
    Record<string, unknown> | undefined;
  return r ? toAlertSettings(r) : null;
}

/** Creates the chat's settings with the defaults if new, applies `patch`, returns them. */
export async function saveAlertSettings(
  db: Db,
  chatId: number,
  patch: AlertSettingsPatch,
  at: Date = new Date(),
): Promise<AlertSettings> {
  const cols: Record<string, unknown> = { updated_at: toDbTimestamp(at) };
  if (patch.enabled !== undefined) cols.enabled = patch.enabled;
  if (patch.minEdge !== undefined) cols.min_edge = patch.minEdge;
  if (patch.leagues !== undefined) cols.leagues = patch.leagues.join(',');
  if (patch.mutedLeagues !== undefined) cols.muted_leagues = patch.mutedLeagues.join(',');
  if (patch.markets !== undefined) cols.markets = patch.markets.join(',');
  if (patch.maxPerDay !== undefined) cols.max_per_day = patch.maxPerDay;
  if (patch.quiet !== undefined) {
    cols.quiet_from = patch.quiet?.from ?? null;
    cols.quiet_to = patch.quiet?.to ?? null;
  }
  await writeTransaction(db, async ({ writer: trx }) => {
    await ensureChat(trx, chatId, at);
    await trx('alert_settings')
      .insert({ chat_id: chatId, ...cols })
      .onConflict('chat_id')
      .merge(Object.keys(cols));
  });
  return (await getAlertSettings(db, chatId))!;
}

/** Alert settings that are on, with their chat's language and timezone (blocked chats left out). */
export async function listActiveAlertSettings(
  db: Db,
): Promise<Array<AlertSettings & { language: string; timezone: string }>> {
  const rows = (await db
    .writer('alert_settings as a')
    .join('chats as c', 'c.chat_id', 'a.chat_id')
    .where('a.enabled', true)
    .where('c.blocked', false)
    .select('a.*', 'c.language', 'c.timezone')
    .orderBy('a.chat_id')) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    ...toAlertSettings(r),
    language: String(r.language),
    timezone: String(r.timezone),
  }));
}

export interface ValueAlert {
  id: number;
  chatId: number;
  fixtureId: number;
  market: string;
  side: string;
  bookmaker: string;
  price: number;
  modelProb: number;
  marketProb: number;
  localDate: string;
  createdAt: Date;
}

export type ValueAlertInput = Omit<ValueAlert, 'id'>;

function toValueAlert(r: Record<string, unknown>): ValueAlert {
  return {
    id: toNumber(r.id),
    chatId: toNumber(r.chat_id),
    fixtureId: toNumber(r.fixture_id),
    market: String(r.market),
    side: String(r.side),
    bookmaker: String(r.bookmaker),
    price: toNumber(r.price),
    modelProb: toNumber(r.model_prob),
    marketProb: toNumber(r.market_prob),
    localDate: String(r.local_date),
    createdAt: toDate(r.created_at),
  };
}

/**
 * Records an alert once per chat × fixture × market × side and says whether it still has to be
 * queued: the id of the new row, or of an earlier row never marked queued (its scan died between
 * the two steps); null when that alert is already on the outbox.
 */
export async function recordValueAlert(db: Db, a: ValueAlertInput): Promise<number | null> {
  try {
    const rows: unknown[] = await db
      .writer('value_alerts')
      .insert({
        chat_id: a.chatId,
        fixture_id: a.fixtureId,
        market: a.market,
        side: a.side,
        bookmaker: a.bookmaker,
        price: a.price,
        model_prob: a.modelProb,
        market_prob: a.marketProb,
        local_date: a.localDate,
        created_at: toDbTimestamp(a.createdAt),
      })
      .returning('id');
    const first = rows[0];
    return toNumber(
      typeof first === 'object' && first !== null ? (first as { id: unknown }).id : first,
    );
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const pending: { id: unknown } | undefined = await db
      .writer('value_alerts')
      .where({ chat_id: a.chatId, fixture_id: a.fixtureId, market: a.market, side: a.side })
      .whereNull('queued_at')
      .first('id');
    return pending ? toNumber(pending.id) : null;
  }
}

/** Marks an alert as put on the outbox, so no later scan queues it again. */
export async function markValueAlertQueued(db: Db, id: number, at: Date): Promise<void> {
  await db
    .writer('value_alerts')
    .where({ id })
    .update({ queued_at: toDbTimestamp(at) });
}

export async function getValueAlert(db: Db, id: number): Promise<ValueAlert | null> {
  const r = (await db.writer('value_alerts').where({ id }).first()) as
    Record<string, unknown> | undefined;
  return r ? toValueAlert(r) : null;
}

/** Alerts recorded for the chat on its local date `localDate`. */
export async function countValueAlerts(db: Db, chatId: number, localDate: string): Promise<number> {
  const r = (await db
    .writer('value_alerts')
    .where({ chat_id: chatId, local_date: localDate })
    .count({ n: '*' })
    .first()) as { n: unknown } | undefined;
  return toNumber(r?.n ?? 0);
}

export type Staking = 'kelly' | 'flat';

export async function getStaking(db: Db, chatId: number): Promise<Staking> {
  const r = (await db.writer('portfolio_settings').where({ chat_id: chatId }).first()) as
    Record<string, unknown> | undefined;
  return r?.staking === 'flat' ? 'flat' : 'kelly';
}

export async function setStaking(db: Db, chatId: number, staking: Staking, at = new Date()) {
  await writeTransaction(db, async ({ writer: trx }) => {
    await ensureChat(trx, chatId, at);
    await trx('portfolio_settings')
      .insert({ chat_id: chatId, staking, updated_at: toDbTimestamp(at) })
      .onConflict('chat_id')
      .merge(['staking', 'updated_at']);
  });
}

export interface Pick {
  id: number;
  chatId: number;
  fixtureId: number;
  market: string;
  side: string;
  bookmaker: string;
  price: number;
  modelProb: number;
  staking: Staking;
  stake: number;
  trackedAt: Date;
  settledAt: Date | null;
  won: boolean | null;
  profit: number | null;
  closingProb: number | null;
  clv: number | null;
}

export type PickInput = Omit<Pick, 'id' | 'settledAt' | 'won' | 'profit' | 'closingProb' | 'clv'>;

function toPick(r: Record<string, unknown>): Pick {
  return {
    id: toNumber(r.id),
    chatId: toNumber(r.chat_id),
    fixtureId: toNumber(r.fixture_id),
    market: String(r.market),
    side: String(r.side),
    bookmaker: String(r.bookmaker),
    price: toNumber(r.price),
    modelProb: toNumber(r.model_prob),
    staking: r.staking === 'flat' ? 'flat' : 'kelly',
    stake: toNumber(r.stake),
    trackedAt: toDate(r.tracked_at),
    settledAt: toDateOrNull(r.settled_at),
    won: r.won === null || r.won === undefined ? null : toBool(r.won),
    profit: toNumberOrNull(r.profit),
    closingProb: toNumberOrNull(r.closing_prob),
    clv: toNumberOrNull(r.clv),
  };
}

/** Tracks a pick once per chat × fixture × market × side: the stored pick and whether it is new. */
export async function trackPick(db: Db, p: PickInput): Promise<{ pick: Pick; created: boolean }> {
  const key = { chat_id: p.chatId, fixture_id: p.fixtureId, market: p.market, side: p.side };
  let created = true;
  try {
    await writeTransaction(db, async ({ writer: trx }) => {
      await ensureChat(trx, p.chatId, p.trackedAt);
      await trx('portfolio_picks').insert({
        ...key,
        bookmaker: p.bookmaker,
        price: p.price,
        model_prob: p.modelProb,
        staking: p.staking,
        stake: p.stake,
        tracked_at: toDbTimestamp(p.trackedAt),
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    created = false;
  }
  const r = (await db.writer('portfolio_picks').where(key).first()) as Record<string, unknown>;
  return { pick: toPick(r), created };
}

/** The chat's picks, oldest first. */
export async function listPicks(db: Db, chatId: number): Promise<Pick[]> {
  const rows = (await db
    .writer('portfolio_picks')
    .where({ chat_id: chatId })
    .orderBy(['tracked_at', 'id'])) as Array<Record<string, unknown>>;
  return rows.map(toPick);
}

/** Unsettled picks whose fixture has finished with a score. */
export async function listUnsettledPicksWithResult(
  db: Db,
  opts: { limit?: number } = {},
): Promise<Array<{ pick: Pick; homeGoals: number; awayGoals: number }>> {
  const rows = await unsettledWithResult(db.writer, 'portfolio_picks', toPick, opts.limit ?? 500);
  return rows.map(({ row, ...score }) => ({ pick: row, ...score }));
}

export interface PickSettlement {
  won: boolean;
  profit: number;
  closingProb: number | null;
  clv: number | null;
  settledAt: Date;
}

/** Stores a pick's settlement once: true when settled now, false when it already was. */
export async function settlePick(db: Db, id: number, s: PickSettlement): Promise<boolean> {
  const n = await db
    .writer('portfolio_picks')
    .where({ id })
    .whereNull('settled_at')
    .update({
      settled_at: toDbTimestamp(s.settledAt),
      won: s.won,
      profit: s.profit,
      closing_prob: s.closingProb,
      clv: s.clv,
    });
  return n > 0;
}
