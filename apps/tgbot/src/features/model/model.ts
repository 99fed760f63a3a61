// /model: each league's champion — version, when it was trained, on which data, and how it did
// in its rolling backtest next to the de-vigged market on the same matches.
import type { ModelRecord } from '@scoreline/db';
import type { Composer, Context } from 'telegraf';
import { chatState, replyHtml, t, type BotServices } from '../../context/bot-context';
import { joinHtml, type Html } from '@scoreline/queue';
import type { Messages } from '../../i18n/messages';

export function registerModel(bot: Composer<Context>, s: BotServices): void {
  bot.command('model', async (ctx) => {
    const m = t(ctx);
    const champions = (await s.status.models())
      .filter((r) => r.status === 'champion')
      .sort((a, b) => a.leagueCode.localeCompare(b.leagueCode));
    if (champions.length === 0) {
      await replyHtml(ctx, m.noModels);
      return;
    }
    const tz = chatState(ctx).chat?.timezone ?? 'Europe/Moscow';
    const blocks = champions.map((r) => modelBlock(m, r, tz));
    await replyHtml(ctx, joinHtml([m.modelHeader, ...blocks], '\n\n'));
  });
}

function modelBlock(m: Messages, r: ModelRecord, timeZone: string): Html {
  const trainedAt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(r.trainedAt);
  const window = `${r.dataFrom ?? '?'} … ${r.dataTo ?? '?'}`;
  return m.modelLine({
    league: r.leagueCode,
    version: r.version,
    trainedAt,
    window,
    metrics: metricsLine(m, r.metrics),
  });
}

function metricsLine(m: Messages, metrics: Record<string, unknown>): Html {
  const evaluation = metrics.evaluation as
    { n?: number; rps?: number; logLoss?: number; brier?: number } | undefined;
  const parts: Array<Html | string> = [];
  if (typeof evaluation?.rps === 'number') {
    parts.push(
      `RPS ${evaluation.rps.toFixed(4)} · log loss ${num(evaluation.logLoss)} · Brier ${num(evaluation.brier)}` +
        (typeof evaluation.n === 'number' ? ` (n=${evaluation.n})` : ''),
    );
  }
  const market = metrics.market as
    { closing?: { n: number; rps: number; modelRps: number } | null } | undefined;
  const closing = market?.closing;
  if (closing && typeof closing.rps === 'number' && typeof closing.modelRps === 'number') {
    parts.push(m.vsMarket(closing.modelRps.toFixed(4), closing.rps.toFixed(4), closing.n));
  }
  return joinHtml(parts, '\n');
}

const num = (x: unknown) => (typeof x === 'number' ? x.toFixed(4) : '—');
