// /explain <fixture id>: why the forecast is what it is. The worker neutralises each factor of
// the champion (ratings to the league average, no home advantage, form to the league mean, the
// blend without each component) and the bot shows each factor's contribution in percentage
// points, contribution = forecast − forecast with the factor neutral (so "+" raises an outcome).
// Detached like /predict: a fast answer is sent directly, a slow one replaces "calculating…".
import {
  escapeHtml,
  joinHtml,
  RequestTimeoutError,
  tgHtml,
  type ExplainResult,
  type Html,
} from '@scoreline/queue';
import type { Composer, Context } from 'telegraf';
import {
  chatState,
  editHtml,
  replyHtml,
  t,
  textsFor,
  type BotServices,
} from '../../context/bot-context';
import { errorReply } from '../../context/error-text';
import { QUICK_ANSWER_MS, showingPlaceholder } from '../../context/placeholder';
import { pct } from '../../format/card';
import { settledWithin } from '../../services/tasks';
import { EXPLAIN_TEXTS, type ExplainTexts } from './texts';

/** How long the worker may take before the user is told it did not answer. */
export const EXPLAIN_TIMEOUT_MS = 15_000;
const MAX_ID = 2_147_483_647;

export type ExplainOutcome = ExplainResult | { status: 'timeout'; timeoutMs: number };

export function registerExplain(
  bot: Composer<Context>,
  s: BotServices,
  timeoutMs = EXPLAIN_TIMEOUT_MS,
): void {
  bot.command('explain', async (ctx) => {
    const arg = ctx.payload.trim().replace(/^#/, '');
    const id = /^\d{1,10}$/.test(arg) ? Number(arg) : NaN;
    if (!(id >= 1 && id <= MAX_ID)) {
      await replyHtml(ctx, textsFor(ctx, EXPLAIN_TEXTS).usage);
      return;
    }
    serveExplanation(ctx, s, id, timeoutMs);
  });
}

/** Asks the worker for fixture `fixtureId`'s explanation and answers with it (detached). */
export function serveExplanation(
  ctx: Context,
  s: BotServices,
  fixtureId: number,
  timeoutMs = EXPLAIN_TIMEOUT_MS,
): void {
  s.tasks.run(async () => {
    const pending = requestExplanation(s, fixtureId, timeoutMs);
    let target: number | undefined;
    if (!(await settledWithin(pending, QUICK_ANSWER_MS))) {
      target = await replyHtml(ctx, t(ctx).calculating);
      showingPlaceholder(ctx, target);
    }
    let text: Html;
    try {
      text = renderExplanation(ctx, s, await pending);
    } catch (err) {
      // The job failed (not a timeout): say so rather than leave the user waiting.
      const reply = errorReply(err, chatState(ctx).locale);
      if (reply !== null) await send(ctx, target, escapeHtml(reply));
      throw err;
    }
    await send(ctx, target, text);
  });
}

async function send(ctx: Context, target: number | undefined, text: Html): Promise<void> {
  if (target === undefined) await replyHtml(ctx, text);
  else await editHtml(ctx, target, text);
}

async function requestExplanation(
  s: BotServices,
  fixtureId: number,
  timeoutMs: number,
): Promise<ExplainOutcome> {
  try {
    return await s.queue.request('explain', { fixtureId }, { timeoutMs });
  } catch (err) {
    if (err instanceof RequestTimeoutError) return { status: 'timeout', timeoutMs };
    throw err;
  }
}

/** A signed contribution in percentage points, one decimal, with a true minus sign. */
export function signedPp(value: number, locale: 'ru' | 'en'): string {
  const r = Math.round(value * 10) / 10;
  const text = Math.abs(r).toFixed(1);
  const local = locale === 'ru' ? text.replace('.', ',') : text;
  if (r === 0) return local;
  return `${r > 0 ? '+' : '−'}${local}`;
}

/** The explanation, or the message for an answer that is not one. */
export function renderExplanation(ctx: Context, s: BotServices, outcome: ExplainOutcome): Html {
  const x = textsFor(ctx, EXPLAIN_TEXTS);
  switch (outcome.status) {
    case 'ok':
      return renderFactors(x, chatState(ctx).locale, outcome);
    case 'unknown_fixture':
      return x.unknownFixture(outcome.fixtureId);
    case 'unknown_team':
      return x.unknownTeam(outcome.team);
    case 'no_model':
      return x.noModel(outcome.league);
    case 'timeout':
      return x.timeout(Math.round(outcome.timeoutMs / 1000));
  }
}

function renderFactors(
  x: ExplainTexts,
  locale: 'ru' | 'en',
  r: Extract<ExplainResult, { status: 'ok' }>,
): Html {
  const { home, away } = r;
  const line = (label: Html, factor: string): Html | null => {
    const f = r.factors.find((v) => v.factor === factor);
    if (!f) return null;
    const d = f.delta.map((v) => signedPp(v, locale)).join(' / ');
    return tgHtml`${label}: <code>${d}</code>`;
  };
  const weights = new Map(r.components.map((c) => [c.name, c.weight]));
  const lines = [
    x.header(home, away, r.league),
    x.forecast(pct(r.probs[0]), pct(r.probs[1]), pct(r.probs[2])),
    tgHtml`<i>${x.legend}</i>`,
    '',
    x.sectionTeams,
    line(x.attack(home), 'homeAttack'),
    line(x.defence(home), 'homeDefence'),
    line(x.attack(away), 'awayAttack'),
    line(x.defence(away), 'awayDefence'),
    '',
    x.sectionVenue,
    line(x.homeAdvantage, 'homeAdvantage'),
    line(x.form(home), 'homeForm'),
    line(x.form(away), 'awayForm'),
    '',
    x.sectionBlend,
    ...r.components.map((c) =>
      line(x.component(x.componentNames[c.name] ?? c.name, pct(weights.get(c.name) ?? 0)), c.name),
    ),
    '',
    x.model(r.modelVersion, r.fixtureId),
  ];
  return joinHtml(lines, '\n');
}
