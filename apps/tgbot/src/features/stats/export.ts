// /export <fixture_id|league>: the stored predictions as a CSV document (UTF-8 with a BOM so that
// Excel reads Cyrillic names; CRLF; RFC 4180 quoting — see @scoreline/training predictionsCsv).
// A match: every stored prediction of it. A league: its newest EXPORT_LIMIT predictions (the
// caption says when older ones were left out), then the league's calibration chart.
import { trackRecordChartPng } from '@scoreline/training';
import type { Composer, Context } from 'telegraf';
import { replyHtml, t, textsFor, type BotServices } from '../../context/bot-context';
import { leagueOrReply } from '../../context/league-arg';
import { sendFile, sendPng } from './stats-data';
import { STATS_TEXTS } from './texts';

/** Rows in a league export (the newest). */
export const EXPORT_LIMIT = 1000;
/** Rows in a match export: every prediction of one match, within reason. */
const FIXTURE_EXPORT_LIMIT = 5000;

export function registerExport(bot: Composer<Context>, s: BotServices): void {
  bot.command('export', async (ctx) => {
    const x = textsFor(ctx, STATS_TEXTS);
    const arg = ctx.payload.trim().split(/\s+/)[0] ?? '';
    if (!arg) {
      await replyHtml(ctx, x.exportUsage);
      return;
    }
    const id = /^#?(\d{1,12})$/.exec(arg)?.[1];
    if (id !== undefined) {
      const fixture = await s.fixtures.byId(Number(id));
      if (!fixture) {
        await replyHtml(ctx, t(ctx).noFixture(id));
        return;
      }
      s.tasks.run(() => exportFixture(ctx, s, fixture.id, `${fixture.home} – ${fixture.away}`));
      return;
    }
    const league = await leagueOrReply(ctx, s, arg);
    if (!league) return;
    s.tasks.run(() => exportLeague(ctx, s, league.code));
  });
}

async function exportFixture(
  ctx: Context,
  s: BotServices,
  fixtureId: number,
  match: string,
): Promise<void> {
  const x = textsFor(ctx, STATS_TEXTS);
  const rows = await s.trackRecord.predictions({ fixtureId, limit: FIXTURE_EXPORT_LIMIT });
  if (rows.length === 0) {
    await replyHtml(ctx, x.exportNoPredictionsFixture(fixtureId, match));
    return;
  }
  await sendFile(
    ctx,
    await s.trackRecord.csv(rows),
    `scoreline-fixture-${fixtureId}-predictions.csv`,
    x.exportFixtureCaption(match, fixtureId, rows.length),
  );
}

async function exportLeague(ctx: Context, s: BotServices, league: string): Promise<void> {
  const x = textsFor(ctx, STATS_TEXTS);
  const rows = await s.trackRecord.predictions({ leagueCode: league, limit: EXPORT_LIMIT });
  if (rows.length === 0) {
    await replyHtml(ctx, x.exportNoPredictionsLeague(league));
    return;
  }
  await sendFile(
    ctx,
    await s.trackRecord.csv(rows),
    `scoreline-${league}-predictions.csv`,
    x.exportLeagueCaption(league, rows.length, rows.length >= EXPORT_LIMIT, EXPORT_LIMIT),
  );
  const { record } = await s.trackRecord.load(league);
  const png = trackRecordChartPng(record);
  if (png) {
    await sendPng(
      ctx,
      png,
      `scoreline-track-record-${league}.png`,
      x.chartCaption(league, record.n, record.calibration.marketN),
    );
  }
}
