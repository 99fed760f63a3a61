// The prediction card: every market the issue promises, from the one score matrix the worker
// priced, and how fresh the data under the model is. Built with the `tgHtml` tag, so names,
// labels and "<1%" are escaped wherever they appear.
import type { CardLabels, Locale } from '../i18n/messages';
import { tgHtml, joinHtml, type Html } from '@scoreline/queue';
import { formatDay } from './time';

/** A card whose newest result is older than this (days before the card's date) says so. */
export const STALE_DATA_DAYS = 21;

/** The parts of the model's markets the card shows (validated: they arrive over a queue). */
export interface CardMarkets {
  oneXTwo: { home: number; draw: number; away: number };
  doubleChance: { homeOrDraw: number; homeOrAway: number; drawOrAway: number };
  totals: Array<{ line: number; over: number; under: number }>;
  bothTeamsToScore: { yes: number; no: number };
  expectedGoals: { home: number; away: number };
  mostLikelyScores: Array<{ home: number; away: number; p: number }>;
}

export interface CardInput {
  home: string;
  away: string;
  league: string;
  modelVersion: string;
  markets: CardMarkets;
  /** Kick-off already formatted for the chat (time zone applied). */
  kickoff?: string;
  /** Final score of a finished fixture. */
  result?: { home: number; away: number };
  fixtureId?: number;
  /** Computed at or after kick-off (see PredictionOutcome). */
  afterKickoff?: boolean;
  /** The newest result the model rests on (see dataFreshness). */
  data?: DataFreshness;
}

export interface DataFreshness {
  /** The day, formatted for the chat. */
  date: string;
  /** Older than STALE_DATA_DAYS before the card's date. */
  stale: boolean;
}

/**
 * How fresh a card's data is: `through` is the newest result's day (YYYY-MM-DD, as the worker
 * reports it), `asOf` the card's date. Null for a day that is not one.
 */
export function dataFreshness(through: string, asOf: Date, locale: Locale): DataFreshness | null {
  const day = new Date(`${through}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(through) || Number.isNaN(day.getTime())) return null;
  // Whole days from that day to the card's (UTC) day.
  const ageDays = Math.floor((asOf.getTime() - day.getTime()) / 86_400_000);
  return { date: formatDay(day, locale, 'UTC'), stale: ageDays > STALE_DATA_DAYS };
}

/** Percent with no decimals, "<1%" and ">99%" at the edges so nothing reads as certain. */
export function pct(p: number): string {
  if (p > 0 && p < 0.005) return '<1%';
  if (p < 1 && p > 0.995) return '>99%';
  return `${Math.round(p * 100)}%`;
}

export function renderCard(l: CardLabels, c: CardInput): Html {
  const m = c.markets;
  const meta = joinHtml(
    [
      c.league,
      c.kickoff !== undefined && `${l.kickoff}: ${c.kickoff}`,
      c.fixtureId !== undefined && `#${c.fixtureId}`,
    ],
    ' · ',
  );
  const total = m.totals.find((t) => t.line === 2.5);
  const scores = m.mostLikelyScores.slice(0, 3).map((s) => `${s.home}:${s.away} (${pct(s.p)})`);
  return joinHtml(
    [
      tgHtml`<b>${c.home} — ${c.away}</b>`,
      meta,
      c.result && tgHtml`${l.result}: <b>${c.result.home}:${c.result.away}</b>`,
      '',
      tgHtml`${l.oneXTwo}: ${l.home} <b>${pct(m.oneXTwo.home)}</b> · ${l.draw} <b>${pct(m.oneXTwo.draw)}</b> · ${l.away} <b>${pct(m.oneXTwo.away)}</b>`,
      `${l.doubleChance}: 1X ${pct(m.doubleChance.homeOrDraw)} · 12 ${pct(m.doubleChance.homeOrAway)} · X2 ${pct(m.doubleChance.drawOrAway)}`,
      total && `${l.total('2.5')}: ${l.over} ${pct(total.over)} · ${l.under} ${pct(total.under)}`,
      `${l.btts}: ${l.yes} ${pct(m.bothTeamsToScore.yes)} · ${l.no} ${pct(m.bothTeamsToScore.no)}`,
      `${l.xg}: ${m.expectedGoals.home.toFixed(2)} – ${m.expectedGoals.away.toFixed(2)}`,
      scores.length > 0 && `${l.scores}: ${scores.join(', ')}`,
      '',
      tgHtml`<i>${l.model}: ${c.modelVersion}</i>`,
      c.data && !c.data.stale && tgHtml`<i>${l.dataUpTo(c.data.date)}</i>`,
      c.data?.stale && tgHtml`<b>${l.staleData(c.data.date)}</b>`,
      c.afterKickoff && tgHtml`<i>${l.afterKickoff}</i>`,
    ],
    '\n',
  );
}

/** Checks that `value` has the shape the card reads; null when it does not. */
export function asCardMarkets(value: unknown): CardMarkets | null {
  const v = value as Partial<CardMarkets> | null;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (
    !v ||
    typeof v !== 'object' ||
    !num(v.oneXTwo?.home) ||
    !num(v.oneXTwo?.draw) ||
    !num(v.oneXTwo?.away) ||
    !num(v.doubleChance?.homeOrDraw) ||
    !num(v.bothTeamsToScore?.yes) ||
    !num(v.expectedGoals?.home) ||
    !num(v.expectedGoals?.away) ||
    !Array.isArray(v.totals) ||
    !Array.isArray(v.mostLikelyScores)
  ) {
    return null;
  }
  return v as CardMarkets;
}
