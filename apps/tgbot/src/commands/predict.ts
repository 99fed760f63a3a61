// /predict: the prediction card for two typed team names. The work goes through the queue; a
// fast answer is sent directly, a slow one replaces a "calculating…" message, and a worker that
// does not answer in time is reported plainly.
import type { Context, Telegraf } from 'telegraf';
import { editHtml, replyHtml, t, type BotServices, type Keyboard } from '../bot-context';
import { encodeCallback } from '../callbacks/codec';
import { dataFreshness, renderCard } from '../format/card';
import { joinHtml, type Html } from '../format/html';
import { formatKickoff } from '../format/time';
import { parseMatchQuery, type MatchQuery } from '../input/parse-match';
import type { PredictionOutcome } from '../services/predictions';
import { showingPlaceholder } from '../services/placeholders';
import { settledWithin } from '../services/tasks';
import { timeZoneOf, chatState } from '../bot-context';

/** Answers that arrive within this time skip the "calculating…" message. */
export const QUICK_ANSWER_MS = 700;
const UPCOMING_DAYS = 7;
const UPCOMING_BUTTONS = 8;

export function registerPredict(bot: Telegraf, s: BotServices): void {
  bot.command('predict', async (ctx) => {
    const args = ctx.payload.trim();
    if (!args) {
      await offerUpcoming(ctx, s);
      return;
    }
    const codes = new Set((await s.fixtures.leagues()).map((l) => l.code));
    const query = parseMatchQuery(args, codes);
    if (!query) {
      await replyHtml(ctx, t(ctx).predictUsage);
      return;
    }
    servePrediction(ctx, s, query);
  });
}

/** A plain message shaped like `home - away` (a separator is required) is a /predict too. */
export async function predictFromText(
  ctx: Context,
  s: BotServices,
  text: string,
): Promise<boolean> {
  if (!/\s[-–—]\s|[–—]|\s(?:vs\.?|v|против)\s/iu.test(text)) return false;
  const codes = new Set((await s.fixtures.leagues()).map((l) => l.code));
  const query = parseMatchQuery(text, codes);
  if (!query) return false;
  servePrediction(ctx, s, query);
  return true;
}

async function offerUpcoming(ctx: Context, s: BotServices): Promise<void> {
  const fixtures = await s.fixtures.upcoming(s.now(), UPCOMING_DAYS);
  if (fixtures.length === 0) {
    const ahead = await s.fixtures.ahead(s.now());
    await replyHtml(ctx, ahead.next ? t(ctx).noUpcoming : t(ctx).noneKnown(ahead.lastResult));
    return;
  }
  const { locale } = chatState(ctx);
  const keyboard: Keyboard = fixtures.slice(0, UPCOMING_BUTTONS).map((f) => [
    {
      text: `${formatKickoff(f.kickoffAt, locale, timeZoneOf(ctx))} ${f.home} – ${f.away}`,
      callback_data: encodeCallback({ kind: 'match', fixtureId: f.id }),
    },
  ]);
  await replyHtml(ctx, t(ctx).predictPickFixture, keyboard);
}

/**
 * Runs the prediction detached from the update (see services/tasks.ts). With `messageId` the
 * answer replaces that message (a pressed suggestion), else it is a new reply.
 */
export function servePrediction(
  ctx: Context,
  s: BotServices,
  query: MatchQuery,
  messageId?: number,
): void {
  s.tasks.run(async () => {
    const pending = s.predictions.predict({
      ...(query.league ? { league: query.league } : {}),
      home: query.home,
      away: query.away,
      ...(ctx.from ? { requestedBy: String(ctx.from.id) } : {}),
    });
    let target = messageId;
    const quick = await settledWithin(pending, QUICK_ANSWER_MS);
    if (!quick) {
      if (target === undefined) target = await replyHtml(ctx, t(ctx).calculating);
      else await editHtml(ctx, target, t(ctx).calculating);
      showingPlaceholder(ctx, target);
    }
    const { text, keyboard } = renderOutcome(ctx, s, query, await pending);
    if (target === undefined) await replyHtml(ctx, text, keyboard);
    else await editHtml(ctx, target, text, keyboard);
  });
}

/** The card, or the message and buttons for an answer that is not one. */
export function renderOutcome(
  ctx: Context,
  s: BotServices,
  query: MatchQuery,
  outcome: PredictionOutcome,
  extra: { kickoff?: Date; result?: { home: number; away: number }; fixtureId?: number } = {},
): { text: Html; keyboard?: Keyboard } {
  const m = t(ctx);
  const { locale } = chatState(ctx);
  switch (outcome.status) {
    case 'ok': {
      const data = outcome.dataThrough ? dataFreshness(outcome.dataThrough, s.now(), locale) : null;
      return {
        text: renderCard(m.card, {
          home: outcome.home,
          away: outcome.away,
          league: outcome.league,
          modelVersion: outcome.modelVersion,
          markets: outcome.markets,
          ...(extra.kickoff
            ? { kickoff: formatKickoff(extra.kickoff, locale, timeZoneOf(ctx)) }
            : {}),
          ...(extra.result ? { result: extra.result } : {}),
          ...(extra.fixtureId !== undefined ? { fixtureId: extra.fixtureId } : {}),
          ...(outcome.afterKickoff ? { afterKickoff: true } : {}),
          ...(data ? { data } : {}),
        }),
      };
    }
    case 'unknown_team': {
      const input = outcome.input;
      const head = outcome.reason === 'ambiguous' ? m.ambiguousTeam(input) : m.unknownTeam(input);
      if (outcome.suggestions.length === 0)
        return { text: joinHtml([head, m.noSuggestions], '\n') };
      const stashId = s.choices.put(
        outcome.suggestions.map((name) => ({ query, which: outcome.which, name })),
      );
      return {
        text: head,
        keyboard: outcome.suggestions.map((name, index) => [
          { text: name, callback_data: encodeCallback({ kind: 'choice', stashId, index }) },
        ]),
      };
    }
    case 'same_team':
      return { text: m.sameTeam(outcome.team) };
    case 'no_model':
      return { text: m.noModel(outcome.league) };
    case 'timeout':
      return {
        text: outcome.busy ? m.busy : m.timeout(Math.round(outcome.timeoutMs / 1000)),
      };
  }
}
