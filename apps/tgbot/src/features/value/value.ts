// /value [league]: upcoming fixtures (next 7 days) where the model rates an outcome above the
// bookmaker's margin-free probability, by edge, with the expected value at the offered price.
// Predictions come from the worker (stored ones are reused), so the work runs detached.
import type { League } from '@scoreline/db';
import type { Composer, Context } from 'telegraf';
import {
  chatState,
  editHtml,
  replyHtml,
  t,
  textsFor,
  timeZoneOf,
  type BotServices,
  type Keyboard,
} from '../../context/bot-context';
import { leagueOrReply } from '../../context/league-arg';
import { joinHtml, tgHtml, type Html, type HtmlValue } from '@scoreline/queue';
import { formatKickoff } from '../../format/time';
import type { Locale } from '../../i18n/messages';
import type { FixtureView } from '../../services/fixtures';
import { QUICK_ANSWER_MS, showingPlaceholder } from '../../context/placeholder';
import { matchButton } from '../fixtures/buttons';
import {
  books1x2,
  booksTotal,
  edgesOf,
  OUTCOMES_1X2,
  OUTCOMES_TOTAL,
  type Book,
  type Edge,
  type Outcome1x2,
  type OutcomeTotal,
} from '../../services/odds';
import type { Predictability } from '@scoreline/training';
import { termsAccepted } from '../terms/gate';
import { pct1, price2, signed1, VALUE_TEXTS, type ValueTexts } from './texts';

export const VALUE_DAYS = 7;
/** Outcomes listed at most (the rest are counted). */
export const VALUE_LIST_LIMIT = 10;
/** Fixtures looked at at most: each may need the worker. */
const VALUE_MAX_FIXTURES = 60;
/** Predictions asked for at once. */
const CONCURRENCY = 4;

export interface ValueEntry {
  fixture: FixtureView;
  edge: Edge<Outcome1x2 | OutcomeTotal>;
  bookmaker: string;
}

export interface ValueReport {
  entries: ValueEntry[];
  withoutOdds: number;
  withoutPrediction: number;
  fixtures: number;
  /** Leagues left out because their model is not flagged predictable, with the flag. */
  silent: Array<{ league: string; why: Predictability }>;
  /** Set when no fixture is known ahead at all: the date of the newest result (or null). */
  noneKnown?: { lastResult: string | null };
}

export function registerValue(bot: Composer<Context>, s: BotServices): void {
  bot.command('value', async (ctx) => {
    if (!(await termsAccepted(ctx, s, 'value'))) return;
    const args = ctx.payload.trim().split(/\s+/).filter(Boolean);
    if (args.length > 1) {
      await replyHtml(ctx, textsFor(ctx, VALUE_TEXTS).valueUsage);
      return;
    }
    let league: League | null = null;
    if (args[0]) {
      league = await leagueOrReply(ctx, s, args[0]);
      if (!league) return;
    }
    const chosen = league ?? undefined;
    s.tasks.run(() =>
      answerSlowly(ctx, textsFor(ctx, VALUE_TEXTS).calculating, async () => {
        const report = await valueReport(s, chosen);
        return renderValue(ctx, s, report, chosen ?? null);
      }),
    );
  });
}

/** The value outcomes of the upcoming fixtures (all leagues, or `league`), by edge. */
export async function valueReport(s: BotServices, league?: League): Promise<ValueReport> {
  const fixtures = (await s.fixtures.upcoming(s.now(), VALUE_DAYS, league)).slice(
    0,
    VALUE_MAX_FIXTURES,
  );
  // Only leagues whose champion is flagged predictable show edges (the alerts scan's rule too).
  const silent: ValueReport['silent'] = [];
  const open = new Set<string>();
  for (const code of [...new Set(fixtures.map((f) => f.league))].sort()) {
    const why = await s.alerts.predictability(code);
    if (why.predictable) open.add(code);
    else silent.push({ league: code, why });
  }
  const odds = await s.oddsByFixture(fixtures.filter((f) => open.has(f.league)).map((f) => f.id));
  const priced: Array<{
    fixture: FixtureView;
    oneXTwo?: Book<Outcome1x2>;
    total?: Book<OutcomeTotal>;
  }> = [];
  let withoutOdds = 0;
  for (const fixture of fixtures) {
    if (!open.has(fixture.league)) continue;
    const list = odds.get(fixture.id) ?? [];
    const [oneXTwo] = books1x2(list);
    const [total] = booksTotal(list);
    if (!oneXTwo && !total) withoutOdds += 1;
    else priced.push({ fixture, ...(oneXTwo ? { oneXTwo } : {}), ...(total ? { total } : {}) });
  }
  const outcomes = await mapLimit(priced, CONCURRENCY, (p) => s.predictions.forFixture(p.fixture));
  const entries: ValueEntry[] = [];
  let withoutPrediction = 0;
  priced.forEach((p, i) => {
    const outcome = outcomes[i]!;
    if (outcome.status !== 'ok') {
      withoutPrediction += 1;
      return;
    }
    const add = (edges: Array<Edge<Outcome1x2 | OutcomeTotal>>, bookmaker: string) => {
      for (const edge of edges) {
        if (edge.pp > 0) entries.push({ fixture: p.fixture, edge, bookmaker });
      }
    };
    if (p.oneXTwo) {
      add(edgesOf(outcome.markets.oneXTwo, p.oneXTwo, OUTCOMES_1X2), p.oneXTwo.bookmaker);
    }
    const modelTotal = outcome.markets.totals.find((x) => x.line === 2.5);
    if (p.total && modelTotal) {
      add(edgesOf(modelTotal, p.total, OUTCOMES_TOTAL), p.total.bookmaker);
    }
  });
  entries.sort(
    (a, b) =>
      b.edge.pp - a.edge.pp ||
      b.edge.ev - a.edge.ev ||
      a.fixture.kickoffAt.getTime() - b.fixture.kickoffAt.getTime(),
  );
  const ahead = fixtures.length === 0 ? await s.fixtures.ahead(s.now(), league) : undefined;
  return {
    entries,
    withoutOdds,
    withoutPrediction,
    fixtures: fixtures.length,
    silent,
    ...(ahead && !ahead.next ? { noneKnown: { lastResult: ahead.lastResult } } : {}),
  };
}

function renderValue(
  ctx: Context,
  s: BotServices,
  report: ValueReport,
  league: League | null,
): { text: Html; keyboard: Keyboard } {
  const v = textsFor(ctx, VALUE_TEXTS);
  const { locale } = chatState(ctx);
  const tz = timeZoneOf(ctx);
  const scope = league ? league.code : null;
  if (report.fixtures === 0) {
    const parts = [v.noUpcoming(scope)];
    if (report.noneKnown) parts.push(t(ctx).noneKnown(report.noneKnown.lastResult));
    return { text: joinHtml([...parts, v.responsible], '\n\n'), keyboard: [] };
  }
  const silentLines = report.silent.map(({ league: code, why }) =>
    why.modelRps !== null && why.marketRps !== null
      ? v.silent(code, why.modelRps.toFixed(4), why.marketRps.toFixed(4), why.n)
      : v.silentUnchecked(code, why.reason),
  );
  if (league && report.silent.length > 0) {
    return { text: joinHtml([...silentLines, v.responsible], '\n\n'), keyboard: [] };
  }
  const lines: HtmlValue[] = [v.valueHeader(VALUE_DAYS, scope), v.valueIntro, ''];
  const shown = report.entries.slice(0, VALUE_LIST_LIMIT);
  if (shown.length === 0) lines.push(v.valueNone);
  shown.forEach((entry, i) => {
    const f = entry.fixture;
    const kickoff = formatKickoff(f.kickoffAt, locale, tz);
    lines.push(tgHtml`${i + 1}. <b>${f.home} — ${f.away}</b> · ${kickoff} · <code>#${f.id}</code>`);
    lines.push(tgHtml`    ${edgeText(v, locale, entry.edge, entry.bookmaker)}`);
  });
  if (report.entries.length > shown.length) {
    lines.push(v.valueMore(report.entries.length - shown.length));
  }
  lines.push('');
  if (report.withoutOdds > 0) lines.push(v.withoutOdds(report.withoutOdds));
  if (report.withoutPrediction > 0) lines.push(v.withoutPrediction(report.withoutPrediction));
  lines.push(...silentLines);
  lines.push(v.responsible);

  const seen = new Set<number>();
  const keyboard: Keyboard = [];
  for (const entry of shown) {
    const f = entry.fixture;
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    keyboard.push([
      {
        text: `${f.home} – ${f.away}`,
        callback_data: matchButton.encode({ kind: 'match', fixtureId: f.id }),
      },
    ]);
  }
  return { text: joinHtml(lines, '\n'), keyboard };
}

/** "Away: model 35.2% · market 28.1% · edge +7.1 p.p. · EV +19.7% at 3.40 (PS)" */
export function edgeText(
  v: ValueTexts,
  locale: Locale,
  edge: Edge<Outcome1x2 | OutcomeTotal>,
  bookmaker: string,
): Html {
  return tgHtml`${v.outcome[edge.outcome]}: ${v.edgeLine({
    model: pct1(edge.model, locale),
    market: pct1(edge.market, locale),
    pp: signed1(edge.pp, locale),
    ev: `${signed1(edge.ev * 100, locale)}%`,
    price: price2(edge.price, locale),
    bookmaker,
  })}`;
}

/**
 * Sends what `render` makes: directly when it is quick, else after a "calculating…" message
 * that the answer then replaces.
 */
export async function answerSlowly(
  ctx: Context,
  calculating: Html,
  render: () => Promise<{ text: Html; keyboard?: Keyboard }>,
): Promise<void> {
  const pending = render();
  let timer: NodeJS.Timeout | undefined;
  const quick = await Promise.race([
    pending.then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), QUICK_ANSWER_MS);
    }),
  ]);
  clearTimeout(timer);
  const target = quick ? undefined : await replyHtml(ctx, calculating);
  showingPlaceholder(ctx, target);
  const { text, keyboard } = await pending;
  if (target === undefined) await replyHtml(ctx, text, keyboard);
  else await editHtml(ctx, target, text, keyboard);
}

/** `fn` over `items`, at most `limit` at a time, results in input order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
