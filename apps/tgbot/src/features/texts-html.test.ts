// Every text the bot can send in HTML mode, fed hostile values (names with markup, ampersands,
// quotes, and the "<1%" the card prints for a tiny probability), must be what Telegram parses.
import { describe, expect, it } from '@jest/globals';
import { isHtml, type ExplainResult } from '@scoreline/queue';
import type { TrackRecord } from '@scoreline/training';
import { assertTelegramHtml } from '@test-support/telegram-html';
import type { Context } from 'telegraf';
import type { BotServices } from '../context/bot-context';
import { dataFreshness, renderCard, type CardMarkets } from '../format/card';
import { MESSAGES, type Locale } from '../i18n/messages';
import { describeOutcome } from './admin/admin';
import { ADMIN_TEXTS } from './admin/texts';
import { renderExplanation } from './explain/explain';
import { renderStats } from './stats/stats';
import { STATS_TEXTS } from './stats/texts';
import { CATALOGUE } from './texts';

const HOSTILE = `Brighton & Hove <b>Albion</b> "<1%" '>99%' </i><script>&amp;`;
const LOCALES: Locale[] = ['ru', 'en'];

/** Any object argument: every field read is hostile text, and so is the object as text. */
const hostileObject = new Proxy(
  {},
  { get: (_, key) => (key === Symbol.toPrimitive || key === 'toString' ? () => HOSTILE : HOSTILE) },
);

/** Calls every text function of `texts` with hostile arguments; returns [name, text] pairs. */
function renderAll(texts: object, prefix: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(texts)) {
    const name = `${prefix}.${key}`;
    const call = (arg: unknown): unknown =>
      (value as (...a: unknown[]) => unknown)(...Array<unknown>(value.length).fill(arg));
    // null reaches the `x ? … : …` branches of optional values (a date, a league); functions
    // whose arguments are required fail on it, and that is not what is tested here.
    const orNothing = (arg: unknown): unknown => {
      try {
        return call(arg);
      } catch {
        return undefined;
      }
    };
    const results: unknown[] =
      typeof value === 'function' ? [call(HOSTILE), call(hostileObject), orNothing(null)] : [value];
    results.forEach((r, i) => {
      if (isHtml(r)) out.push([`${name}#${i}`, r.toString()]);
    });
  }
  return out;
}

const markets = (p: number): CardMarkets => ({
  oneXTwo: { home: 1 - 2 * p, draw: p, away: p },
  doubleChance: { homeOrDraw: 1 - p, homeOrAway: 1 - p, drawOrAway: 2 * p },
  totals: [{ line: 2.5, over: 0.999, under: 0.001 }],
  bothTeamsToScore: { yes: 0.996, no: 0.004 },
  expectedGoals: { home: 3.1, away: 0.2 },
  mostLikelyScores: [{ home: 3, away: 0, p: 0.004 }],
});

describe('HTML texts with hostile values', () => {
  it('When every text function of every feature gets markup-laden values, then each result is valid Telegram HTML with the values escaped', () => {
    const texts: Array<[string, string]> = [];
    for (const locale of LOCALES) {
      // The catalogue holds the shared messages and every feature's texts, so a new feature's
      // texts are checked here without being listed.
      for (const [name, group] of Object.entries(CATALOGUE[locale])) {
        texts.push(...renderAll(group, `${locale}.${name}`));
      }
    }

    // Dozens of functions per locale: a text function that stopped being Html would drop out.
    expect(texts.length).toBeGreaterThan(300);
    for (const [name, text] of texts) assertTelegramHtml(text, name);
    const echoed = texts.filter(([, text]) => text.includes('Brighton &amp; Hove &lt;b&gt;'));
    expect(echoed.length).toBeGreaterThan(100);
  });

  it('When a card shows probabilities under 1 % and over 99 % for hostile names, then it is valid HTML with "&lt;1%" and "&gt;99%"', () => {
    for (const locale of LOCALES) {
      const text = renderCard(MESSAGES[locale].card, {
        home: HOSTILE,
        away: HOSTILE,
        league: HOSTILE,
        modelVersion: HOSTILE,
        markets: markets(0.001),
        kickoff: HOSTILE,
        result: { home: 1, away: 0 },
        fixtureId: 7,
        afterKickoff: true,
        data: dataFreshness('2026-05-24', new Date('2026-12-01T12:00:00Z'), locale)!,
      }).toString();

      assertTelegramHtml(text, `${locale} card`);
      expect(text).toContain('&lt;1%');
      expect(text).toContain('&gt;99%');
    }
  });

  it('When /explain shows a champion whose component weight is under 1 %, then the text is valid HTML', () => {
    const result: ExplainResult = {
      status: 'ok',
      league: HOSTILE,
      home: HOSTILE,
      away: HOSTILE,
      modelVersion: HOSTILE,
      fixtureId: 1,
      probs: [0.996, 0.003, 0.001],
      components: [
        { name: 'dixonColes', weight: 0.996, probs: [0.5, 0.3, 0.2] },
        { name: HOSTILE, weight: 0.004, probs: [0.5, 0.3, 0.2] },
      ],
      factors: [{ factor: 'homeAttack', value: 0, delta: [1, -0.5, -0.5] }],
    };
    for (const locale of LOCALES) {
      const ctx = { state: { locale, chat: null } } as unknown as Context;
      const text = renderExplanation(ctx, {} as BotServices, result).toString();

      assertTelegramHtml(text, `${locale} explain`);
      expect(text).toContain('&lt;1%');
    }
  });

  it('When /stats and admin outcomes carry hostile league names, versions and reasons, then they are valid HTML', () => {
    const summary = { n: 3, rps: 0.2, logLoss: 1, brier: 0.6, hitRate: 0.004 };
    const record: TrackRecord = {
      league: HOSTILE,
      n: 3,
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
      model: summary,
      markets: [{ key: 'closing', label: HOSTILE, n: 3, model: summary, market: summary }],
      periods: [{ month: HOSTILE, n: 3, model: summary, market: null }],
      calibration: { model: [], market: null, marketN: 0 },
      modelVersions: [HOSTILE, HOSTILE],
    } as unknown as TrackRecord;
    for (const locale of LOCALES) {
      assertTelegramHtml(
        renderStats(STATS_TEXTS[locale], record, [record], true).toString(),
        `${locale} stats`,
      );
      const failed = describeOutcome(
        ADMIN_TEXTS[locale],
        'sync',
        HOSTILE,
        { id: 'j', name: 'sync', state: 'failed', attemptsMade: 1, failedReason: HOSTILE },
        1,
      );
      assertTelegramHtml(failed.toString(), `${locale} admin outcome`);
    }
  });
});
