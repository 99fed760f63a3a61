import { describe, expect, it } from '@jest/globals';
import { MESSAGES } from '../i18n/messages';
import { asCardMarkets, dataFreshness, pct, renderCard, type CardMarkets } from './card';

const MARKETS: CardMarkets = {
  oneXTwo: { home: 0.5, draw: 0.3, away: 0.2 },
  doubleChance: { homeOrDraw: 0.8, homeOrAway: 0.7, drawOrAway: 0.5 },
  totals: [
    { line: 1.5, over: 0.7, under: 0.3 },
    { line: 2.5, over: 0.45, under: 0.55 },
  ],
  bothTeamsToScore: { yes: 0.48, no: 0.52 },
  expectedGoals: { home: 1.6, away: 0.9 },
  mostLikelyScores: [
    { home: 1, away: 0, p: 0.12 },
    { home: 1, away: 1, p: 0.11 },
    { home: 2, away: 0, p: 0.1 },
    { home: 2, away: 1, p: 0.09 },
  ],
};

describe('prediction card', () => {
  it('When rendered, then it names both teams escaped and shows every market with the top three scores', () => {
    const text = renderCard(MESSAGES.en.card, {
      home: 'Brighton & Hove',
      away: '<Chelsea>',
      league: 'E0',
      modelVersion: 'E0-v1',
      markets: MARKETS,
    }).toString();

    expect(text).toContain('<b>Brighton &amp; Hove — &lt;Chelsea&gt;</b>');
    expect(text).toContain('Home <b>50%</b> · Draw <b>30%</b> · Away <b>20%</b>');
    expect(text).toContain('Double chance: 1X 80% · 12 70% · X2 50%');
    expect(text).toContain('Total 2.5: over 45% · under 55%');
    expect(text).toContain('Both teams score: yes 48% · no 52%');
    expect(text).toContain('Expected goals: 1.60 – 0.90');
    expect(text).toContain('Likely scores: 1:0 (12%), 1:1 (11%), 2:0 (10%)');
    expect(text).not.toContain('2:1 (9%)');
  });

  it('When a probability is near 0 or 1, then it never reads as certain', () => {
    expect([pct(0.001), pct(0.9991), pct(0), pct(1), pct(0.456)]).toEqual([
      '<1%',
      '>99%',
      '0%',
      '100%',
      '46%',
    ]);
  });

  it('When the model’s data ends within three weeks of the card, then the card names the day without a warning', () => {
    const asOf = new Date('2026-06-14T18:00:00Z');
    const data = dataFreshness('2026-05-24', asOf, 'en')!;
    const text = renderCard(MESSAGES.en.card, {
      home: 'A',
      away: 'B',
      league: 'E0',
      modelVersion: 'v1',
      markets: MARKETS,
      data,
    }).toString();

    expect(data).toEqual({ date: '24 May 2026', stale: false });
    expect(text).toContain('<i>Data up to 24 May 2026</i>');
    expect(text).not.toContain('⚠️');
  });

  it('When the data is older than three weeks, then the card warns, in English and Russian', () => {
    const asOf = new Date('2026-06-15T00:30:00Z');
    const card = (locale: 'en' | 'ru') =>
      renderCard(MESSAGES[locale].card, {
        home: 'A',
        away: 'B',
        league: 'E0',
        modelVersion: 'v1',
        markets: MARKETS,
        data: dataFreshness('2026-05-24', asOf, locale)!,
      }).toString();

    expect(card('en')).toContain(
      '<b>⚠️ Data up to 24 May 2026 — older than three weeks; results since then are not in the model.</b>',
    );
    expect(card('ru')).toContain('⚠️ Данные по 24 мая 2026');
    expect(card('ru')).toContain('старше трёх недель');
  });

  it('When the data day is 21 days before the card it is fresh, 22 days stale, and a malformed day is no freshness at all', () => {
    const asOf = new Date('2026-06-14T23:59:00Z');

    expect(dataFreshness('2026-05-24', asOf, 'en')!.stale).toBe(false);
    expect(dataFreshness('2026-05-23', asOf, 'en')!.stale).toBe(true);
    expect(dataFreshness('24.05.2026', asOf, 'en')).toBeNull();
    expect(dataFreshness('2026-13-40', asOf, 'en')).toBeNull();
  });

  it('When markets lack a field the card reads, then they are refused', () => {
    expect(asCardMarkets(MARKETS)).toBe(MARKETS);
    expect(asCardMarkets({ ...MARKETS, expectedGoals: { home: 'x' } })).toBeNull();
    expect(asCardMarkets(null)).toBeNull();
  });
});
