// /export <fixture_id|league>: the stored predictions as a CSV document (UTF-8 with a BOM so that
// Excel reads Cyrillic names; CRLF; RFC 4180 quoting — see @scoreline/training predictionsCsv).
// A match: every stored prediction of it. A league: its newest EXPORT_LIMIT predictions (the
// caption says when older ones were left out), then the league's calibration chart.
import { getFixture, getTeam, listPredictions, type Prediction } from '@scoreline/db';
import { predictionsCsv, trackRecordChartPng } from '@scoreline/training';
import type { Context, Telegraf } from 'telegraf';
import { replyHtml, t, textsFor, type BotServices } from '../bot-context';
import { leagueOrReply } from './league-arg';
import { loadTrackRecord, sendFile, sendPng } from './stats-data';
import { STATS_TEXTS } from './stats-texts';

/** Rows in a league export (the newest). */
export const EXPORT_LIMIT = 1000;
/** Rows in a match export: every prediction of one match, within reason. */
const FIXTURE_EXPORT_LIMIT = 5000;

export function registerExport(bot: Telegraf, s: BotServices): void {
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
  const rows = await listPredictions(s.db, { fixtureId, limit: FIXTURE_EXPORT_LIMIT });
  if (rows.length === 0) {
    await replyHtml(ctx, x.exportNoPredictionsFixture(fixtureId, match));
    return;
  }
  await sendFile(
    ctx,
    await csvOf(s, rows),
    `scoreline-fixture-${fixtureId}-predictions.csv`,
    x.exportFixtureCaption(match, fixtureId, rows.length),
  );
}

async function exportLeague(ctx: Context, s: BotServices, league: string): Promise<void> {
  const x = textsFor(ctx, STATS_TEXTS);
  const rows = await listPredictions(s.db, { leagueCode: league, limit: EXPORT_LIMIT });
  if (rows.length === 0) {
    await replyHtml(ctx, x.exportNoPredictionsLeague(league));
    return;
  }
  await sendFile(
    ctx,
    await csvOf(s, rows),
    `scoreline-${league}-predictions.csv`,
    x.exportLeagueCaption(league, rows.length, rows.length >= EXPORT_LIMIT, EXPORT_LIMIT),
  );
  const { record } = await loadTrackRecord(s, league);
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

/** The CSV bytes, with team names and kick-offs looked up once each. */
async function csvOf(s: BotServices, rows: readonly Prediction[]): Promise<Buffer> {
  const teams = new Map<number, string>();
  const kickoffs = new Map<number, Date | null>();
  for (const p of rows) {
    for (const id of [p.homeTeamId, p.awayTeamId]) {
      if (!teams.has(id)) teams.set(id, (await getTeam(s.db, id))?.name ?? `#${id}`);
    }
    if (p.fixtureId !== null && !kickoffs.has(p.fixtureId)) {
      kickoffs.set(p.fixtureId, (await getFixture(s.db, p.fixtureId))?.kickoffAt ?? null);
    }
  }
  const csv = predictionsCsv(rows, {
    teamName: (id) => teams.get(id) ?? `#${id}`,
    kickoffOf: (id) => kickoffs.get(id) ?? null,
  });
  return Buffer.from(csv, 'utf8');
}
