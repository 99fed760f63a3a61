// /stats [league]: the bot's own track record from the stored, settled predictions — count, mean
// RPS / log loss / Brier and hit rate, the de-vigged market on the same matches, per league and
// per month (losing months too), and the calibration chart as a photo. The computation lives in
// @scoreline/training (track-record), shared with whatever else reports it.
import { trackRecordByLeague, trackRecordChartPng, type TrackRecord } from '@scoreline/training';
import type { LedgerHead } from '@scoreline/db';
import type { Composer, Context } from 'telegraf';
import { replyHtml, textsFor, type BotServices } from '../../context/bot-context';
import { leagueOrReply } from '../../context/league-arg';
import { joinHtml, type Html, type HtmlValue } from '@scoreline/queue';
import { TRACK_RECORD_LIMIT } from '../../services/track-record';
import { sendPng } from './stats-data';
import { STATS_TEXTS, type StatsTexts, type Verdict } from './texts';

/** Months listed in the text (the latest); the CSV export and the chart have them all. */
const MONTHS_SHOWN = 12;
/** Model versions named in the text (the newest; versions sort by time). */
const VERSIONS_SHOWN = 5;

export function registerStats(bot: Composer<Context>, s: BotServices): void {
  bot.command('stats', async (ctx) => {
    const arg = ctx.payload.trim().split(/\s+/)[0] ?? '';
    let league: string | null = null;
    if (arg) {
      const found = await leagueOrReply(ctx, s, arg);
      if (!found) return;
      league = found.code;
    }
    // Reading every settled prediction and drawing the chart is not instant: detached.
    s.tasks.run(() => serveStats(ctx, s, league));
  });
}

async function serveStats(ctx: Context, s: BotServices, league: string | null): Promise<void> {
  const x = textsFor(ctx, STATS_TEXTS);
  const scope = league ?? x.allLeagues;
  const loaded = await s.trackRecord.load(league);
  const { record } = loaded;
  const ledger = ledgerLine(x, loaded.ledger);
  if (record.n === 0) {
    await replyHtml(ctx, joinHtml([x.empty(scope), ledger], '\n\n'));
    return;
  }
  const leagues =
    league === null ? trackRecordByLeague(loaded.predictions, loaded.odds).leagues : [];
  await replyHtml(
    ctx,
    joinHtml([renderStats(x, record, leagues, loaded.truncated), ledger], '\n\n'),
  );
  const png = trackRecordChartPng(record);
  if (png) {
    await sendPng(
      ctx,
      png,
      `scoreline-track-record-${league ?? 'all'}.png`,
      x.chartCaption(league ?? x.allLeagues, record.n, record.calibration.marketN),
    );
  }
}

/** Enough of the head hash to compare by eye with `scoreline ledger verify`'s full one. */
const HEAD_SHOWN = 16;

export function ledgerLine(x: StatsTexts, head: LedgerHead): Html {
  return x.ledger(head.seq, head.hash.slice(0, HEAD_SHOWN));
}

const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '—');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '?');

/** Lower RPS wins; equal at the four decimals shown is level. */
function verdict(modelRps: number, marketRps: number): Verdict {
  if (f4(modelRps) === f4(marketRps)) return 'level';
  return modelRps < marketRps ? 'model' : 'market';
}

/** The /stats text (HTML): the scope's figures, its leagues, its months, and the note. */
export function renderStats(
  x: StatsTexts,
  record: TrackRecord,
  leagues: readonly TrackRecord[],
  truncated: boolean,
): Html {
  const scope = record.league ?? x.allLeagues;
  const lines: HtmlValue[] = [
    x.header(scope),
    x.counted(record.n, day(record.from), day(record.to)),
    x.models(
      record.modelVersions.slice(-VERSIONS_SHOWN).join(', '),
      Math.max(0, record.modelVersions.length - VERSIONS_SHOWN),
    ),
    x.scores({
      rps: f4(record.model.rps),
      logLoss: f4(record.model.logLoss),
      brier: f4(record.model.brier),
      hit: pct(record.model.hitRate),
    }),
  ];
  if (truncated) lines.push(x.truncated(TRACK_RECORD_LIMIT));
  lines.push('');
  if (record.markets.length === 0) lines.push(x.noMarket);
  for (const m of record.markets) {
    lines.push(
      x.vsMarket({
        label: x.yardstick[m.key],
        n: m.n,
        modelRps: f4(m.model.rps),
        marketRps: f4(m.market.rps),
        modelHit: pct(m.model.hitRate),
        marketHit: pct(m.market.hitRate),
        verdict: verdict(m.model.rps, m.market.rps),
      }),
    );
  }
  if (leagues.length > 0) {
    lines.push('');
    for (const l of leagues) {
      const closing = l.markets[0];
      lines.push(
        x.leagueLine({
          league: l.league ?? '',
          n: l.n,
          rps: f4(l.model.rps),
          hit: pct(l.model.hitRate),
          market: closing
            ? x.leagueMarket(f4(closing.model.rps), f4(closing.market.rps), closing.n)
            : null,
        }),
      );
    }
  }
  const months = record.periods.slice(-MONTHS_SHOWN);
  lines.push('', x.byMonth(months.length, record.periods.length));
  for (const p of months) {
    lines.push(
      x.monthLine({
        month: p.month,
        n: p.n,
        rps: f4(p.market ? p.market.model.rps : p.model.rps),
        market: p.market ? f4(p.market.market.rps) : null,
        verdict: p.market ? verdict(p.market.model.rps, p.market.market.rps) : null,
      }),
    );
  }
  lines.push('', x.note);
  return joinHtml(lines, '\n');
}
