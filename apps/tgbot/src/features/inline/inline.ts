// Inline mode: "@bot Arsenal Chelsea" in any chat offers the prediction card as one shareable
// article. Telegram wants the answer within seconds, so the worker gets a short time; a slow
// answer becomes a "try again" article, and the late prediction is kept for that retry.
//
// Inline queries are not counted by the bot-wide flood guard (clients send one per pause in
// typing, and that guard answers in a chat, which an inline query does not have). They have a
// guard of their own, more generous, whose over-limit answer is an empty result list.
import { createHash } from 'node:crypto';
import type { Composer, Context } from 'telegraf';
import type { InlineQueryResult, InlineQueryResultArticle } from 'telegraf/types';
import { t, textsFor, type BotServices } from '../../context/bot-context';
import { pct } from '../../format/card';
import { htmlToPlain, joinHtml, type Html } from '@scoreline/queue';
import { parseMatchQuery, type MatchQuery } from '../../input/parse-match';
import { createFloodGuard, type FloodGuardOptions } from '../../middleware/flood-guard';
import type { PredictionOutcome } from '../../services/predictions';
import { renderOutcome } from '../predict/outcome';
import { VALUE_TEXTS } from '../value/texts';

export interface InlineOptions {
  /** How long the worker may take before the answer is "try again". */
  timeoutMs?: number;
  /** How long a prediction is reused for the same query (and Telegram's cache_time). */
  cacheMs?: number;
  flood?: FloodGuardOptions;
}

export const INLINE_TIMEOUT_MS = 2_500;
const INLINE_CACHE_MS = 60_000;
const CACHE_ENTRIES = 500;
/** A help article or a "try again" may be shown for a moment only. */
const SHORT_CACHE_S = 5;

export function registerInline(
  bot: Composer<Context>,
  s: BotServices,
  opts: InlineOptions = {},
): void {
  const timeoutMs = opts.timeoutMs ?? INLINE_TIMEOUT_MS;
  const cacheMs = opts.cacheMs ?? INLINE_CACHE_MS;
  const guard = createFloodGuard({ max: 30, windowMs: 20_000, duplicateMs: 0, ...opts.flood });
  const cache = new Map<string, { at: number; outcome: PredictionOutcome }>();
  const remember = (key: string, outcome: PredictionOutcome) => {
    if (outcome.status === 'timeout') return;
    cache.delete(key);
    cache.set(key, { at: Date.now(), outcome });
    while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  };

  bot.on('inline_query', (ctx) => {
    // Detached: the answer may wait for the worker (see services/tasks.ts).
    s.tasks.run(async () => {
      const text = ctx.inlineQuery.query.trim();
      const codes = new Set((await s.fixtures.leagues()).map((l) => l.code));
      const query = text ? parseMatchQuery(text, codes) : null;
      if (!query) {
        await ctx.answerInlineQuery([helpArticle(ctx)], {
          cache_time: SHORT_CACHE_S,
          is_personal: false,
        });
        return;
      }
      if (guard.check(ctx.from.id, `inline:${text}`) !== 'allow') {
        await ctx.answerInlineQuery([], { cache_time: SHORT_CACHE_S, is_personal: true });
        return;
      }
      const key = cacheKey(query);
      const cached = cache.get(key);
      let outcome: PredictionOutcome;
      if (cached && Date.now() - cached.at < cacheMs) outcome = cached.outcome;
      else {
        const pending = s.predictions.predict({
          ...(query.league ? { league: query.league } : {}),
          home: query.home,
          away: query.away,
          requestedBy: String(ctx.from.id),
        });
        // The prediction is kept even when it comes too late for this answer.
        void pending.then((o) => remember(key, o)).catch(() => undefined);
        outcome = await within(pending, timeoutMs);
      }
      const article = outcomeArticle(ctx, s, query, key, outcome);
      const ok = outcome.status === 'ok';
      await ctx.answerInlineQuery([article], {
        cache_time: ok
          ? Math.round(cacheMs / 1000)
          : outcome.status === 'timeout'
            ? 0
            : SHORT_CACHE_S,
        is_personal: false,
      });
    });
  });
}

function outcomeArticle(
  ctx: Context,
  s: BotServices,
  query: MatchQuery,
  key: string,
  outcome: PredictionOutcome,
): InlineQueryResult {
  const v = textsFor(ctx, VALUE_TEXTS);
  const m = t(ctx);
  if (outcome.status === 'ok') {
    const { text } = renderOutcome(ctx, s, query, outcome);
    const p = outcome.markets.oneXTwo;
    return article(`card:${digest(`${key}|${outcome.modelVersion}`)}`, {
      title: `${outcome.home} — ${outcome.away}`,
      description: v.inlineCardDescription(pct(p.home), pct(p.draw), pct(p.away)),
      text,
    });
  }
  if (outcome.status === 'timeout') {
    return article(`retry:${digest(key)}`, {
      title: v.inlineRetryTitle,
      description: v.inlineRetryDescription,
      text: m.timeout(Math.round(outcome.timeoutMs / 1000)),
    });
  }
  let text: Html;
  if (outcome.status === 'unknown_team') {
    // No buttons: a button pressed under an inline message has no chat to answer in.
    const input = outcome.input;
    const head = outcome.reason === 'ambiguous' ? m.ambiguousTeam(input) : m.unknownTeam(input);
    text = joinHtml(
      [head, outcome.suggestions.length > 0 ? outcome.suggestions.join(', ') : m.noSuggestions],
      '\n',
    );
  } else {
    text = renderOutcome(ctx, s, query, outcome).text;
  }
  return article(`problem:${digest(key)}`, {
    title: v.inlineProblemTitle,
    description: htmlToPlain(text.toString()).slice(0, 200),
    text,
  });
}

function helpArticle(ctx: Context): InlineQueryResult {
  const v = textsFor(ctx, VALUE_TEXTS);
  return article('help', {
    title: v.inlineHelpTitle,
    description: v.inlineHelpDescription,
    text: v.inlineHelpMessage,
  });
}

function article(
  id: string,
  a: { title: string; description: string; text: Html },
): InlineQueryResultArticle {
  return {
    type: 'article',
    id,
    title: a.title,
    description: a.description,
    input_message_content: {
      message_text: a.text.toString(),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    },
  };
}

function cacheKey(q: MatchQuery): string {
  const norm = (x: string) => x.toLowerCase().replace(/\s+/g, ' ').trim();
  return `${q.league ?? ''}|${norm(q.home)}|${norm(q.away)}`;
}

/** A result id: ≤ 64 bytes whatever the team names. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

async function within(
  pending: Promise<PredictionOutcome>,
  timeoutMs: number,
): Promise<PredictionOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<PredictionOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'timeout', timeoutMs }), timeoutMs);
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}
