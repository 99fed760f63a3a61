// Paper trading: picks tracked from value alerts, staked by quarter Kelly (capped) or flat, and
// settled by the worker (result, profit, closing-line value); here the summary, the CSV and the
// equity curve. The money maths is @scoreline/training's (value/money.ts).
import {
  getStaking,
  getValueAlert,
  listPicks,
  setStaking,
  trackPick,
  type Db,
  type Pick,
  type Staking,
} from '@scoreline/db';
import {
  firstBook,
  portfolioTotals,
  stakeUnits,
  type PortfolioTotals,
  type ValueMarket,
  type ValueSide,
} from '@scoreline/training';
import type { FixtureService, FixtureView } from './fixtures';
import { oddsByFixture } from './odds';

export interface PickView extends Pick {
  fixture: FixtureView | null;
}

export interface PortfolioSummary {
  picks: PickView[];
  totals: PortfolioTotals;
  open: number;
  staking: Staking;
}

export interface PortfolioService {
  staking(chatId: number): Promise<Staking>;
  setStaking(chatId: number, staking: Staking, at: Date): Promise<void>;
  /**
   * Tracks the pick of the chat's alert `alertId` at the price stored now for its bookmaker's
   * book (the alert's price when that book is gone): null when the alert is not the chat's.
   */
  trackAlert(
    chatId: number,
    alertId: number,
    at: Date,
  ): Promise<{ pick: Pick; created: boolean } | null>;
  summary(chatId: number): Promise<PortfolioSummary>;
}

/** The price of `side` in the stored pre-match book of `bookmaker`, if still there. */
async function currentPrice(
  db: Db,
  fixtureId: number,
  market: ValueMarket,
  side: ValueSide,
  bookmaker: string,
): Promise<number | null> {
  const odds = ((await oddsByFixture(db, [fixtureId])).get(fixtureId) ?? []).filter(
    (o) => o.bookmaker === bookmaker,
  );
  return firstBook(odds, market)?.prices[side] ?? null;
}

export function createPortfolioService(db: Db, fixtures: FixtureService): PortfolioService {
  return {
    staking: (chatId) => getStaking(db, chatId),
    setStaking: (chatId, staking, at) => setStaking(db, chatId, staking, at),
    async trackAlert(chatId, alertId, at) {
      const alert = await getValueAlert(db, alertId);
      if (!alert || alert.chatId !== chatId) return null;
      const market = alert.market as ValueMarket;
      const side = alert.side as ValueSide;
      const price =
        (await currentPrice(db, alert.fixtureId, market, side, alert.bookmaker)) ?? alert.price;
      const staking = await getStaking(db, chatId);
      return trackPick(db, {
        chatId,
        fixtureId: alert.fixtureId,
        market,
        side,
        bookmaker: alert.bookmaker,
        price,
        modelProb: alert.modelProb,
        staking,
        stake: stakeUnits(staking, alert.modelProb, price),
        trackedAt: at,
      });
    },
    async summary(chatId) {
      const picks = await listPicks(db, chatId);
      const views: PickView[] = [];
      for (const p of picks) views.push({ ...p, fixture: await fixtures.byId(p.fixtureId) });
      const settled = picks.filter((p) => p.settledAt !== null && p.won !== null);
      return {
        picks: views,
        totals: portfolioTotals(
          settled.map((p) => ({ stake: p.stake, profit: p.profit ?? 0, won: p.won!, clv: p.clv })),
        ),
        open: picks.length - settled.length,
        staking: await getStaking(db, chatId),
      };
    },
  };
}

/** The chat's picks as CSV (one row per pick, settled or not), for /portfolio's export. */
export function picksCsv(picks: readonly PickView[]): string {
  const head =
    'tracked_at,fixture_id,league,home,away,kickoff,market,side,bookmaker,price,model_prob,staking,stake,settled_at,won,profit,closing_prob,clv';
  const cell = (v: string | number | Date | null | undefined) => {
    const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = picks.map((p) =>
    [
      p.trackedAt,
      p.fixtureId,
      p.fixture?.league,
      p.fixture?.home,
      p.fixture?.away,
      p.fixture?.kickoffAt,
      p.market,
      p.side,
      p.bookmaker,
      p.price,
      p.modelProb.toFixed(4),
      p.staking,
      p.stake,
      p.settledAt,
      p.won === null ? '' : p.won ? 1 : 0,
      p.profit === null ? '' : p.profit.toFixed(2),
      p.closingProb === null ? '' : p.closingProb.toFixed(4),
      p.clv === null ? '' : p.clv.toFixed(4),
    ]
      .map(cell)
      .join(','),
  );
  return [head, ...rows].join('\n') + '\n';
}
