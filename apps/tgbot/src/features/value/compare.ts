// /compare <fixture_id>: the model's probabilities against every bookmaker's margin-free
// pre-match 1X2 (and over/under 2.5 when priced), with the edge of each outcome.
import type { Composer, Context } from 'telegraf';
import {
  chatState,
  replyHtml,
  t,
  textsFor,
  timeZoneOf,
  type BotServices,
  type Keyboard,
} from '../../context/bot-context';
import { joinHtml, tgHtml, type Html, type HtmlValue } from '@scoreline/queue';
import { formatKickoff } from '../../format/time';
import type { Locale } from '../../i18n/messages';
import {
  books1x2,
  booksTotal,
  edgesOf,
  OUTCOMES_1X2,
  OUTCOMES_TOTAL,
  type Book,
} from '../../services/odds';
import { renderOutcome } from '../predict/outcome';
import { answerSlowly } from './value';
import { pct1, price2, signed1, VALUE_TEXTS, type ValueTexts } from './texts';

/** Bookmakers listed at most per market (football-data files carry a dozen or so). */
const MAX_BOOKS = 15;

export function registerCompare(bot: Composer<Context>, s: BotServices): void {
  bot.command('compare', async (ctx) => {
    const arg = ctx.payload.trim().replace(/^#/, '');
    if (!/^\d{1,10}$/.test(arg)) {
      await replyHtml(ctx, textsFor(ctx, VALUE_TEXTS).compareUsage);
      return;
    }
    const id = Number(arg);
    s.tasks.run(() =>
      answerSlowly(ctx, textsFor(ctx, VALUE_TEXTS).calculating, () => renderCompare(ctx, s, id)),
    );
  });
}

export async function renderCompare(
  ctx: Context,
  s: BotServices,
  id: number,
): Promise<{ text: Html; keyboard?: Keyboard }> {
  const v = textsFor(ctx, VALUE_TEXTS);
  const fixture = id <= 2_147_483_647 ? await s.fixtures.byId(id) : null;
  if (!fixture) return { text: t(ctx).noFixture(String(id)) };
  const odds = (await s.oddsByFixture([id])).get(id) ?? [];
  const oneXTwo = books1x2(odds).slice(0, MAX_BOOKS);
  const totals = booksTotal(odds).slice(0, MAX_BOOKS);
  if (oneXTwo.length === 0 && totals.length === 0) return { text: v.compareNoOdds(String(id)) };

  const outcome = await s.predictions.forFixture(fixture);
  if (outcome.status !== 'ok') {
    return renderOutcome(
      ctx,
      s,
      { league: fixture.league, home: fixture.home, away: fixture.away },
      outcome,
    );
  }
  const { locale } = chatState(ctx);
  const lines: HtmlValue[] = [
    tgHtml`<b>${fixture.home} — ${fixture.away}</b>`,
    tgHtml`${fixture.league} · ${formatKickoff(fixture.kickoffAt, locale, timeZoneOf(ctx))} · <code>#${fixture.id}</code>`,
    '',
  ];
  const model = outcome.markets.oneXTwo;
  if (oneXTwo.length > 0) {
    lines.push(v.compareHead1x2);
    const cells = OUTCOMES_1X2.map((o) => tgHtml`${v.outcome[o]} <b>${pct1(model[o], locale)}</b>`);
    lines.push(tgHtml`${v.compareModel}: ${joinHtml(cells, ' · ')}`);
    for (const book of oneXTwo) lines.push(bookLine(v, locale, model, book, OUTCOMES_1X2));
    lines.push('');
  }
  const modelTotal = outcome.markets.totals.find((x) => x.line === 2.5);
  if (totals.length > 0 && modelTotal) {
    lines.push(v.compareHeadTotal);
    const cells = OUTCOMES_TOTAL.map(
      (o) => tgHtml`${v.outcome[o]} <b>${pct1(modelTotal[o], locale)}</b>`,
    );
    lines.push(tgHtml`${v.compareModel}: ${joinHtml(cells, ' · ')}`);
    for (const book of totals) lines.push(bookLine(v, locale, modelTotal, book, OUTCOMES_TOTAL));
    lines.push('');
  }
  lines.push(v.compareLegend);
  lines.push(v.responsible);
  return { text: joinHtml(lines, '\n') };
}

/** "<b>PS</b>: Home 41.2% (+3.8, EV +5.1% @ 2.30) · Draw … · Away …" */
function bookLine<O extends 'home' | 'draw' | 'away' | 'over' | 'under'>(
  v: ValueTexts,
  locale: Locale,
  model: Record<O, number>,
  book: Book<O>,
  outcomes: readonly O[],
): Html {
  const cells = edgesOf(model, book, outcomes).map(
    (e) =>
      `${v.outcome[e.outcome]} ${pct1(e.market, locale)} ` +
      `(${signed1(e.pp, locale)}, EV ${signed1(e.ev * 100, locale)}% @ ${price2(e.price, locale)})`,
  );
  return tgHtml`<b>${book.bookmaker}</b>: ${cells.join(' · ')}`;
}
