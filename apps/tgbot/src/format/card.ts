// The prediction card: every market the issue promises, from the one score matrix the worker
// priced. Team and league names are escaped here; labels come from the locale.
import type { CardLabels } from '../i18n/messages';
import { escapeHtml } from './html';

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
}

/** Percent with no decimals, "<1%" and ">99%" at the edges so nothing reads as certain. */
export function pct(p: number): string {
  if (p > 0 && p < 0.005) return '<1%';
  if (p < 1 && p > 0.995) return '>99%';
  return `${Math.round(p * 100)}%`;
}

export function renderCard(l: CardLabels, c: CardInput): string {
  const m = c.markets;
  const lines = [`<b>${escapeHtml(c.home)} — ${escapeHtml(c.away)}</b>`];
  const meta = [escapeHtml(c.league)];
  if (c.kickoff) meta.push(`${l.kickoff}: ${escapeHtml(c.kickoff)}`);
  if (c.fixtureId !== undefined) meta.push(`#${c.fixtureId}`);
  lines.push(meta.join(' · '));
  if (c.result) lines.push(`${l.result}: <b>${c.result.home}:${c.result.away}</b>`);
  lines.push('');
  lines.push(
    `${l.oneXTwo}: ${l.home} <b>${pct(m.oneXTwo.home)}</b> · ${l.draw} <b>${pct(m.oneXTwo.draw)}</b>` +
      ` · ${l.away} <b>${pct(m.oneXTwo.away)}</b>`,
  );
  lines.push(
    `${l.doubleChance}: 1X ${pct(m.doubleChance.homeOrDraw)} · 12 ${pct(m.doubleChance.homeOrAway)}` +
      ` · X2 ${pct(m.doubleChance.drawOrAway)}`,
  );
  const total = m.totals.find((t) => t.line === 2.5);
  if (total) {
    lines.push(`${l.total('2.5')}: ${l.over} ${pct(total.over)} · ${l.under} ${pct(total.under)}`);
  }
  lines.push(
    `${l.btts}: ${l.yes} ${pct(m.bothTeamsToScore.yes)} · ${l.no} ${pct(m.bothTeamsToScore.no)}`,
  );
  lines.push(`${l.xg}: ${m.expectedGoals.home.toFixed(2)} – ${m.expectedGoals.away.toFixed(2)}`);
  const scores = m.mostLikelyScores
    .slice(0, 3)
    .map((s) => `${s.home}:${s.away} (${pct(s.p)})`)
    .join(', ');
  if (scores) lines.push(`${l.scores}: ${scores}`);
  lines.push('');
  lines.push(`<i>${l.model}: ${escapeHtml(c.modelVersion)}</i>`);
  if (c.afterKickoff) lines.push(`<i>${l.afterKickoff}</i>`);
  return lines.join('\n');
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
