// /predict: the prediction card for two typed team names. The work goes through the queue; a
// fast answer is sent directly, a slow one replaces a "calculating…" message, and a worker that
// does not answer in time is reported plainly.
import type { Composer, Context } from 'telegraf';
import {
  chatState,
  editHtml,
  replyHtml,
  t,
  timeZoneOf,
  type BotServices,
  type Keyboard,
} from '../../context/bot-context';
import { QUICK_ANSWER_MS, showingPlaceholder } from '../../context/placeholder';
import { formatKickoff } from '../../format/time';
import { parseMatchQuery, type MatchQuery } from '../../input/parse-match';
import { settledWithin } from '../../services/tasks';
import { matchButton } from '../fixtures/buttons';
import { renderOutcome } from './outcome';
const UPCOMING_DAYS = 7;
const UPCOMING_BUTTONS = 8;

export function registerPredict(bot: Composer<Context>, s: BotServices): void {
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
      callback_data: matchButton.encode({ kind: 'match', fixtureId: f.id }),
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
