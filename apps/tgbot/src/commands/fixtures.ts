// /today, /league and /match: fixture lists with probabilities, paged with buttons, and the full
// card of one fixture.
import type { League } from '@scoreline/db';
import type { Context, Telegraf } from 'telegraf';
import {
  chatState,
  editHtml,
  replyHtml,
  t,
  timeZoneOf,
  type BotServices,
  type Keyboard,
} from '../bot-context';
import { leagueOrReply } from './league-arg';
import { encodeCallback } from '../callbacks/codec';
import { pct } from '../format/card';
import { joinHtml, tgHtml, type Html, type HtmlValue } from '../format/html';
import { formatClock } from '../format/time';
import { localDate, type FixtureView } from '../services/fixtures';
import type { PredictionOutcome } from '../services/predictions';
import { explainButton } from './explain';
import { renderOutcome } from './predict';

export const PAGE_SIZE = 8;
const LEAGUE_LOOKAHEAD_DAYS = 14;

export function registerFixtures(bot: Telegraf, s: BotServices): void {
  bot.command('today', async (ctx) => {
    const arg = ctx.payload.trim();
    const league = arg ? await leagueOrReply(ctx, s, arg) : null;
    if (arg && !league) return;
    const date = localDate(s.now(), timeZoneOf(ctx));
    const page = await renderFixturePage(ctx, s, league, date, 0);
    await replyHtml(ctx, page.text, page.keyboard);
  });

  bot.command('league', async (ctx) => {
    const [code, dateArg, ...extra] = ctx.payload.trim().split(/\s+/).filter(Boolean);
    if (!code || extra.length > 0) {
      await replyHtml(ctx, t(ctx).leagueUsage);
      return;
    }
    const league = await leagueOrReply(ctx, s, code);
    if (!league) return;
    let date: string;
    if (dateArg) {
      if (!isIsoDate(dateArg)) {
        await replyHtml(ctx, t(ctx).badDate(dateArg.slice(0, 40)));
        return;
      }
      date = dateArg;
    } else {
      // No date: the league's next matchday, which is what "show me the league" usually means.
      const next = await s.fixtures.upcoming(s.now(), LEAGUE_LOOKAHEAD_DAYS, league);
      date = localDate(next[0]?.kickoffAt ?? s.now(), timeZoneOf(ctx));
    }
    const page = await renderFixturePage(ctx, s, league, date, 0);
    await replyHtml(ctx, page.text, page.keyboard);
  });

  bot.command('match', async (ctx) => {
    const arg = ctx.payload.trim();
    if (!/^\d{1,10}$/.test(arg)) {
      await replyHtml(ctx, t(ctx).matchUsage);
      return;
    }
    replyMatchCard(ctx, s, Number(arg));
  });
}

/** Sends fixture `id`'s card as a new message (also what a fixture button does). */
export function replyMatchCard(ctx: Context, s: BotServices, id: number): void {
  // Detached like /predict: the card may wait for the worker.
  s.tasks.run(async () => {
    const fixture = await s.fixtures.byId(id);
    if (!fixture) {
      await replyHtml(ctx, t(ctx).noFixture(String(id)));
      return;
    }
    const outcome = await s.predictions.forFixture(fixture);
    const { text, keyboard } = renderOutcome(
      ctx,
      s,
      { league: fixture.league, home: fixture.home, away: fixture.away },
      outcome,
      {
        kickoff: fixture.kickoffAt,
        fixtureId: fixture.id,
        ...(fixture.result ? { result: fixture.result } : {}),
      },
    );
    // A card with a forecast offers its explanation.
    const buttons = outcome.status === 'ok' ? [[explainButton(ctx, fixture.id)]] : keyboard;
    await replyHtml(ctx, text, buttons);
  });
}

/** Re-renders a fixture list page in place (the ◀ ▶ buttons). */
export async function editFixturePage(
  ctx: Context,
  s: BotServices,
  leagueCode: string | null,
  date: string,
  page: number,
  messageId: number,
): Promise<void> {
  const league = leagueCode ? await s.fixtures.findLeague(leagueCode) : null;
  const view = await renderFixturePage(ctx, s, league, date, page);
  await editHtml(ctx, messageId, view.text, view.keyboard);
}

async function renderFixturePage(
  ctx: Context,
  s: BotServices,
  league: League | null,
  date: string,
  page: number,
): Promise<{ text: Html; keyboard: Keyboard }> {
  const m = t(ctx);
  const tz = timeZoneOf(ctx);
  const { locale } = chatState(ctx);
  const scope = league ? `${league.name} (${league.code})` : m.allLeagues;
  const fixtures = await s.fixtures.onDate(date, tz, league ?? undefined);
  if (fixtures.length === 0) {
    const ahead = await s.fixtures.ahead(s.now(), league ?? undefined);
    const text = ahead.next
      ? m.noFixtures(scope, date)
      : joinHtml([m.noFixtures(scope, date), m.noneKnown(ahead.lastResult)], '\n\n');
    return { text, keyboard: [] };
  }

  const pages = Math.ceil(fixtures.length / PAGE_SIZE);
  const current = Math.min(page, pages - 1);
  const slice = fixtures.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const outcomes = await Promise.all(slice.map((f) => s.predictions.forFixture(f)));

  const header = m.fixturesHeader(scope, date);
  const lines: HtmlValue[] = [
    pages > 1 ? tgHtml`${header} · ${m.page(current + 1, pages)}` : header,
  ];
  slice.forEach((f, i) => lines.push(fixtureLine(f, outcomes[i]!, locale, tz, !league)));
  const keyboard: Keyboard = slice.map((f) => [
    {
      text: `${formatClock(f.kickoffAt, locale, tz)} ${f.home} – ${f.away}`,
      callback_data: encodeCallback({ kind: 'match', fixtureId: f.id }),
    },
  ]);
  const nav = [];
  const leagueCode = league?.code ?? null;
  if (current > 0) {
    nav.push({
      text: '◀',
      callback_data: encodeCallback({
        kind: 'fixtures',
        league: leagueCode,
        date,
        page: current - 1,
      }),
    });
  }
  if (current < pages - 1) {
    nav.push({
      text: '▶',
      callback_data: encodeCallback({
        kind: 'fixtures',
        league: leagueCode,
        date,
        page: current + 1,
      }),
    });
  }
  if (nav.length > 0) keyboard.push(nav);
  return { text: joinHtml(lines, '\n'), keyboard };
}

function fixtureLine(
  f: FixtureView,
  outcome: PredictionOutcome,
  locale: 'ru' | 'en',
  tz: string,
  showLeague: boolean,
): Html {
  const teams = `${f.home} — ${f.away}`;
  const probs =
    outcome.status === 'ok'
      ? `1 ${pct(outcome.markets.oneXTwo.home)} · X ${pct(outcome.markets.oneXTwo.draw)} · 2 ${pct(outcome.markets.oneXTwo.away)}`
      : '—';
  const result = f.result && tgHtml` <b>${f.result.home}:${f.result.away}</b>`;
  const league = showLeague && tgHtml` <i>${f.league}</i>`;
  const clock = formatClock(f.kickoffAt, locale, tz);
  return tgHtml`<b>${clock}</b>${league} ${teams}${result}: ${probs} <code>#${f.id}</code>`;
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
