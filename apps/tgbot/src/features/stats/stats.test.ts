import { describe, expect, it } from '@jest/globals';
import type { TrackRecord } from '@scoreline/training';
import { TELEGRAM_CAPTION_LIMIT as CAPTION_LIMIT } from '../../format/split-message';
import { asciiFileName, caption } from './stats-data';
import { ledgerLine, renderStats } from './stats';
import { STATS_TEXTS } from './texts';

const summary = (rps: number) => ({ n: 10, rps, logLoss: 1, brier: 0.6, hitRate: 0.5 });

function record(months: number, modelRps: number, marketRps: number): TrackRecord {
  return {
    league: 'E0',
    n: 10 * months,
    from: new Date('2025-01-05T00:00:00Z'),
    to: new Date('2026-06-05T00:00:00Z'),
    model: summary(modelRps),
    markets: [
      {
        key: 'closing',
        label: 'market closing',
        n: 10 * months,
        model: summary(modelRps),
        market: summary(marketRps),
      },
    ],
    periods: Array.from({ length: months }, (_, i) => ({
      month: `20${25 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      n: 10,
      model: summary(modelRps),
      market: {
        key: 'closing' as const,
        label: 'market closing',
        n: 10,
        model: summary(modelRps),
        market: summary(i % 2 === 0 ? marketRps : modelRps + 0.01),
      },
    })),
    calibration: { model: [], market: null, marketN: 0 },
    modelVersions: ['20260101-000000'],
  };
}

describe('/stats text', () => {
  it('When the model and the market score the same at the shown precision, then it reads level, not a win', () => {
    const text = renderStats(STATS_TEXTS.en, record(1, 0.21374, 0.21371), [], false).toString();

    expect(text).toContain('RPS 0.2137 vs 0.2137 — level');
    expect(text).not.toContain('model better');
    expect(text).not.toContain('market better');
  });

  it('When there are more months than shown, then the latest are listed, losing ones included, and the text says how many', () => {
    const text = renderStats(STATS_TEXTS.en, record(15, 0.2, 0.19), [], true).toString();

    expect(text).toContain('the latest 12 of 15');
    expect(text).not.toContain('2025-03:');
    expect(text).toContain('2026-03:');
    expect(text).toContain('❌');
    expect(text).toContain('✅');
    expect(text).toContain('Counted: the latest 20000 settled predictions.');
  });
  it('When many model versions made the predictions, then the newest five are named and the rest counted', () => {
    const versions = Array.from({ length: 7 }, (_, i) => `2026010${i + 1}-000000`);
    const text = renderStats(
      STATS_TEXTS.en,
      { ...record(1, 0.2, 0.21), modelVersions: versions },
      [],
      false,
    ).toString();

    expect(text).toContain(
      'Models: 20260103-000000, 20260104-000000, 20260105-000000, 20260106-000000, 20260107-000000 and 2 more',
    );
  });
});

describe('/stats ledger line', () => {
  it('When the ledger has records, then the line shows the count, the short head and how to verify, in both languages', () => {
    const head = { seq: 31, hash: 'ab'.repeat(32) };

    expect(ledgerLine(STATS_TEXTS.en, head).toString()).toBe(
      '🔒 Prediction ledger: 31 sealed, chain head <code>abababababababab</code>. Verify: <code>scoreline ledger verify</code>',
    );
    expect(ledgerLine(STATS_TEXTS.ru, head).toString()).toBe(
      '🔒 Журнал прогнозов: запечатано 31, вершина цепочки <code>abababababababab</code>. Проверка: <code>scoreline ledger verify</code>',
    );
  });
});

describe('files for Telegram', () => {
  it('When a caption is longer than Telegram allows, then it is cut to the limit', () => {
    const long = 'x'.repeat(CAPTION_LIMIT + 50);

    expect(caption(long)).toHaveLength(CAPTION_LIMIT);
    expect(caption('short')).toBe('short');
  });

  it('When a file name has non-ASCII characters, then they are replaced', () => {
    expect(asciiFileName('scoreline-Лига 1-predictions.csv')).toBe(
      'scoreline-_____1-predictions.csv',
    );
  });
});
