import { describe, expect, it } from '@jest/globals';
import type { Odds, Prediction } from '@scoreline/db';
import { brier, devigMultiplicative, logLoss, rps, type Probs1x2 } from '@scoreline/model';
import { groupOddsByFixture } from '../market/market-probs';
import { decodePng } from '../test-support/decode-png';
import { CHART } from '../reports/calibration-chart';
import { csvField, predictionsCsv, PREDICTION_CSV_COLUMNS } from './predictions-csv';
import { favouriteOf, trackRecord, trackRecordByLeague } from './track-record';
import { trackRecordChartPng } from './track-record-chart';
import { readCsv } from '@test-support/csv';

let nextId = 1;
function prediction(
  probs: Probs1x2,
  outcome: 'H' | 'D' | 'A' | null,
  extra: Partial<Prediction> = {},
): Prediction {
  const id = nextId++;
  const index = outcome === 'H' ? 0 : outcome === 'D' ? 1 : 2;
  const settled = outcome !== null;
  return {
    id,
    fixtureId: id,
    leagueCode: 'E0',
    homeTeamId: 1,
    awayTeamId: 2,
    modelVersion: '20260101-000000',
    requestedBy: null,
    requestedAt: new Date('2026-03-10T12:00:00Z'),
    inputs: null,
    pHome: probs[0],
    pDraw: probs[1],
    pAway: probs[2],
    markets: null,
    settledAt: settled ? new Date('2026-03-12T00:00:00Z') : null,
    outcome,
    homeGoals: settled ? 1 : null,
    awayGoals: settled ? 0 : null,
    rps: settled ? rps(probs, index) : null,
    logLoss: settled ? logLoss(probs, index) : null,
    brier: settled ? brier(probs, index) : null,
    ...extra,
  };
}

function odds(fixtureId: number, prices: [number, number, number], kind: 'pre' | 'close'): Odds {
  return {
    id: fixtureId * 10 + (kind === 'pre' ? 1 : 2),
    fixtureId,
    bookmaker: 'PS',
    market: '1x2',
    line: null,
    kind,
    priceHome: prices[0],
    priceDraw: prices[1],
    priceAway: prices[2],
    priceOver: null,
    priceUnder: null,
    collectedAt: new Date('2026-03-11T00:00:00Z'),
  } as Odds;
}

describe('track record', () => {
  it('When predictions are settled, then count, mean stored scores and hit rate cover them and unsettled ones are left out', () => {
    const a = prediction([0.6, 0.25, 0.15], 'H');
    const b = prediction([0.5, 0.3, 0.2], 'A');
    const open = prediction([0.4, 0.3, 0.3], null);

    const r = trackRecord([a, b, open], new Map());

    expect(r.n).toBe(2);
    expect(r.model.rps).toBeCloseTo((a.rps! + b.rps!) / 2, 12);
    expect(r.model.logLoss).toBeCloseTo((a.logLoss! + b.logLoss!) / 2, 12);
    expect(r.model.brier).toBeCloseTo((a.brier! + b.brier!) / 2, 12);
    expect(r.model.hitRate).toBe(0.5);
    expect(r.markets).toEqual([]);
    expect(r.calibration.market).toBeNull();
    expect(r.calibration.model.reduce((s, bin) => s + bin.n, 0)).toBe(6);
  });

  it('When some matches have market prices, then the market is compared on those matches only, de-vigged', () => {
    const a = prediction([0.6, 0.25, 0.15], 'H');
    const b = prediction([0.2, 0.3, 0.5], 'H');
    const c = prediction([0.45, 0.3, 0.25], 'D');
    const grouped = groupOddsByFixture([
      odds(a.fixtureId!, [1.5, 4.2, 7.0], 'close'),
      odds(b.fixtureId!, [3.1, 3.4, 2.4], 'close'),
      odds(b.fixtureId!, [3.0, 3.4, 2.5], 'pre'),
    ]);

    const r = trackRecord([a, b, c], grouped);

    const closing = r.markets.find((m) => m.key === 'closing')!;
    expect(closing.n).toBe(2);
    const pa = devigMultiplicative([1.5, 4.2, 7.0]) as Probs1x2;
    const pb = devigMultiplicative([3.1, 3.4, 2.4]) as Probs1x2;
    expect(closing.market.rps).toBeCloseTo((rps(pa, 0) + rps(pb, 0)) / 2, 12);
    expect(closing.model.rps).toBeCloseTo((a.rps! + b.rps!) / 2, 12);
    expect(closing.market.hitRate).toBe(0.5);
    expect(r.markets.find((m) => m.key === 'preClosing')!.n).toBe(1);
    expect(r.calibration.marketN).toBe(2);
  });

  it('When predictions span months, then each month is reported, the losing one included', () => {
    const march = prediction([0.7, 0.2, 0.1], 'H');
    const april = prediction([0.7, 0.2, 0.1], 'A', {
      requestedAt: new Date('2026-04-02T09:00:00Z'),
    });
    const grouped = groupOddsByFixture([
      odds(march.fixtureId!, [2.5, 3.3, 2.9], 'close'),
      odds(april.fixtureId!, [2.5, 3.3, 2.9], 'close'),
    ]);

    const r = trackRecord([april, march], grouped);

    expect(r.periods.map((p) => p.month)).toEqual(['2026-03', '2026-04']);
    const [won, lost] = r.periods;
    expect(won!.market!.model.rps).toBeLessThan(won!.market!.market.rps);
    expect(lost!.market!.model.rps).toBeGreaterThan(lost!.market!.market.rps);
    expect(r.from).toEqual(march.requestedAt);
    expect(r.to).toEqual(april.requestedAt);
  });

  it('When leagues are mixed, then each league has its own record and the overall one holds all', () => {
    const e0 = prediction([0.5, 0.3, 0.2], 'H');
    const sp1 = prediction([0.3, 0.3, 0.4], 'D', { leagueCode: 'SP1', modelVersion: 'v-sp1' });

    const { overall, leagues } = trackRecordByLeague([e0, sp1], new Map());

    expect(overall.n).toBe(2);
    expect(overall.modelVersions).toEqual(['20260101-000000', 'v-sp1']);
    expect(leagues.map((l) => [l.league, l.n])).toEqual([
      ['E0', 1],
      ['SP1', 1],
    ]);
  });

  it('When probabilities tie for the top, then the favourite is the earlier outcome', () => {
    expect(favouriteOf([0.4, 0.4, 0.2])).toBe(0);
    expect(favouriteOf([0.2, 0.4, 0.4])).toBe(1);
    expect(favouriteOf([0.2, 0.3, 0.5])).toBe(2);
  });

  it('When there are settled predictions, then the chart is a PNG of the report chart size; with none there is no chart', () => {
    const r = trackRecord([prediction([0.5, 0.3, 0.2], 'H')], new Map());

    const png = trackRecordChartPng(r)!;
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([CHART.width, CHART.height]);
    expect(trackRecordChartPng(trackRecord([], new Map()))).toBeNull();
  });
});

describe('predictions CSV', () => {
  it('When team names hold commas, quotes and newlines, then a CSV reader gets them back unchanged', () => {
    const names = new Map([
      [1, 'Brighton, "Hove" Albion'],
      [2, 'Line\nBreak — Зенит'],
    ]);
    const p = prediction([0.5, 0.3, 0.2], 'H');
    const open = prediction([0.4, 0.3, 0.3], null, { fixtureId: null });

    const csv = predictionsCsv([p, open], {
      teamName: (id) => names.get(id)!,
      kickoffOf: () => new Date('2026-03-11T19:45:00Z'),
    });

    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = readCsv(csv.slice(1));
    expect(rows[0]).toEqual([...PREDICTION_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const col = (row: string[], name: (typeof PREDICTION_CSV_COLUMNS)[number]) =>
      row[PREDICTION_CSV_COLUMNS.indexOf(name)];
    expect(col(rows[1]!, 'home')).toBe('Brighton, "Hove" Albion');
    expect(col(rows[1]!, 'away')).toBe('Line\nBreak — Зенит');
    expect(col(rows[1]!, 'kickoff_utc')).toBe('2026-03-11T19:45:00.000Z');
    expect(Number(col(rows[1]!, 'p_home'))).toBe(0.5);
    expect(col(rows[1]!, 'outcome')).toBe('H');
    expect(Number(col(rows[1]!, 'rps'))).toBeCloseTo(p.rps!, 12);
    expect(col(rows[2]!, 'fixture_id')).toBe('');
    expect(col(rows[2]!, 'outcome')).toBe('');
  });

  it('When text starts like a spreadsheet formula, then it is written as text; numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });
});
