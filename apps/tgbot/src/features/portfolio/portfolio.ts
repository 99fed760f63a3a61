// /portfolio: the paper portfolio's figures and recent picks, its equity curve (PNG) and CSV,
// and the staking choice; the alert's "track it" button adds a pick.
import { joinHtml, type Html, type HtmlValue } from '@scoreline/queue';
import type { Composer, Context } from 'telegraf';
import {
  chatState,
  replyHtml,
  textsFor,
  type BotServices,
  type Keyboard,
} from '../../context/bot-context';
import { equityChartPng } from '@scoreline/training';
import type { Locale } from '../../i18n/messages';
import { picksCsv, type PickView, type PortfolioSummary } from '../../services/portfolio';
import { sendFile, sendPng } from '../stats/stats-data';
import { termsAccepted } from '../terms/gate';
import { portfolioButton, type PortfolioAction } from './buttons';
import { PORTFOLIO_TEXTS, type PortfolioTexts } from './texts';

/** Picks listed in the text (the CSV has them all). */
const RECENT = 10;

const dec = (x: number, digits: number, locale: Locale) => {
  const t = x.toFixed(digits);
  return locale === 'ru' ? t.replace('.', ',') : t;
};
const signed = (x: number, digits: number, locale: Locale) =>
  (x > 0 ? '+' : '') + dec(x, digits, locale);
const pct = (x: number | null, locale: Locale) =>
  x === null ? '—' : `${signed(x * 100, 1, locale)}%`;

function pickLine(x: PortfolioTexts, locale: Locale, p: PickView): Html {
  const match = p.fixture ? `${p.fixture.home} — ${p.fixture.away}` : `#${p.fixtureId}`;
  let result = x.open;
  if (p.won !== null && p.profit !== null) {
    result = p.won ? x.won(signed(p.profit, 2, locale)) : x.lost(dec(p.profit, 2, locale));
    if (p.clv !== null) result += ` · ${x.clv(pct(p.clv, locale))}`;
  }
  return x.pickLine({
    match,
    side: x.sides[p.side] ?? p.side,
    price: dec(p.price, 2, locale),
    stake: dec(p.stake, 2, locale),
    result,
  });
}

export function renderPortfolio(
  x: PortfolioTexts,
  locale: Locale,
  sum: PortfolioSummary,
): { text: Html; keyboard: Keyboard } {
  const t = sum.totals;
  const lines: HtmlValue[] = [x.header(sum.staking)];
  if (sum.picks.length === 0) lines.push(x.empty);
  else {
    lines.push(x.counts(sum.picks.length, sum.open, t.settled, t.won));
    lines.push(
      x.figures({
        staked: dec(t.staked, 2, locale),
        profit: signed(t.profit, 2, locale),
        roi: pct(t.roi, locale),
        hitRate: t.hitRate === null ? '—' : `${dec(t.hitRate * 100, 1, locale)}%`,
        clv: pct(t.clv, locale),
      }),
    );
    lines.push('', x.recent);
    for (const p of sum.picks.slice(-RECENT).reverse()) lines.push(pickLine(x, locale, p));
  }
  const button = (text: string, action: PortfolioAction) => ({
    text,
    callback_data: portfolioButton.encode({ kind: 'portfolio', action }),
  });
  const keyboard: Keyboard = [
    [button(x.chartButton, 'chart'), button(x.csvButton, 'csv')],
    [
      button(`${sum.staking === 'kelly' ? '✅ ' : ''}${x.kellyButton}`, 'kelly'),
      button(`${sum.staking === 'flat' ? '✅ ' : ''}${x.flatButton}`, 'flat'),
    ],
  ];
  return { text: joinHtml(lines, '\n'), keyboard };
}

async function show(ctx: Context, s: BotServices): Promise<void> {
  const sum = await s.portfolio.summary(ctx.chat!.id);
  const { text, keyboard } = renderPortfolio(
    textsFor(ctx, PORTFOLIO_TEXTS),
    chatState(ctx).locale,
    sum,
  );
  await replyHtml(ctx, text, keyboard);
}

/** Chart, CSV or a staking change; a toast says when there is nothing to send. */
export async function portfolioAction(
  ctx: Context,
  s: BotServices,
  action: PortfolioAction,
  fromButton: boolean,
): Promise<void> {
  const x = textsFor(ctx, PORTFOLIO_TEXTS);
  const chatId = ctx.chat!.id;
  const toast = async (text: string) => {
    if (fromButton) await ctx.answerCbQuery(text);
    else await ctx.reply(text);
  };
  if (action === 'kelly' || action === 'flat') {
    await s.portfolio.setStaking(chatId, action, s.now());
    await toast(x.stakingSet);
    await show(ctx, s);
    return;
  }
  const sum = await s.portfolio.summary(chatId);
  if (action === 'csv') {
    if (fromButton) await ctx.answerCbQuery();
    await sendFile(ctx, Buffer.from(picksCsv(sum.picks), 'utf8'), 'portfolio.csv', x.csvCaption);
    return;
  }
  let equity = 0;
  const points = sum.picks
    .filter((p) => p.settledAt !== null && p.profit !== null)
    .sort((a, b) => a.settledAt!.getTime() - b.settledAt!.getTime())
    .map((p) => ({ at: p.settledAt!, equity: (equity += p.profit!) }));
  if (points.length === 0) {
    await toast(x.nothingSettled);
    return;
  }
  if (fromButton) await ctx.answerCbQuery();
  // resvg (native, ~5 MB) loads with the first chart drawn (render-png.ts), not with the bot.
  const png = equityChartPng(points, x.chartTitle);
  if (png) await sendPng(ctx, png, 'portfolio.png', x.chartTitle);
}

export function registerPortfolio(bot: Composer<Context>, s: BotServices): void {
  bot.command('portfolio', async (ctx) => {
    if (!(await termsAccepted(ctx, s, 'portfolio'))) return;
    const arg = ctx.payload.trim().toLowerCase();
    if (arg === '') return show(ctx, s);
    if (arg === 'chart' || arg === 'csv' || arg === 'kelly' || arg === 'flat') {
      return portfolioAction(ctx, s, arg, false);
    }
    await replyHtml(ctx, textsFor(ctx, PORTFOLIO_TEXTS).usage);
  });
}

/** The alert's "track it" button: the pick at today's price, staked by the chat's choice. */
export async function trackFromAlert(ctx: Context, s: BotServices, alertId: number): Promise<void> {
  const x = textsFor(ctx, PORTFOLIO_TEXTS);
  const locale = chatState(ctx).locale;
  const tracked = await s.portfolio.trackAlert(ctx.chat!.id, alertId, s.now());
  if (!tracked) {
    await ctx.answerCbQuery(x.unknownAlert);
    return;
  }
  const { pick, created } = tracked;
  if (!created) {
    await ctx.answerCbQuery(x.alreadyTracked);
    return;
  }
  const fixture = await s.fixtures.byId(pick.fixtureId);
  const match = fixture ? `${fixture.home} — ${fixture.away}` : `#${pick.fixtureId}`;
  const text = x.tracked(
    match,
    x.sides[pick.side] ?? pick.side,
    dec(pick.price, 2, locale),
    dec(pick.stake, 2, locale),
  );
  await ctx.answerCbQuery(text);
  await ctx.reply(text);
}
