// /season <league>: the rest of the current season played many times with the champion's
// forecasts (services/season-odds.ts over seasonOutlook): each team's chance of the title, the
// top four and relegation and its expected points, as a compact text (top and bottom rows) and
// a chart sent as a photo.
import type { TeamOutlook } from '@scoreline/model';
import { joinHtml, tgHtml, type HtmlValue } from '@scoreline/queue';
import type { SeasonOutlook } from '@scoreline/training';
import type { Composer, Context } from 'telegraf';
import { chatState, replyHtml, textsFor, type BotServices } from '../../context/bot-context';
import { soleLeagueArgOrReply } from '../../context/league-arg';
import { sendPng } from '../stats/stats-data';
import { SEASON_TEXTS, type SeasonTexts } from './texts';

/**
 * Runs per /season: 10,000 runs of a half season take ~0.3 s here (measured with
 * simulateSeason on 190 remaining matches, machine under load), within a chat's patience, and
 * put each percentage within about ±0.5 points.
 */
export const SEASON_RUNS = 10_000;
/** Rows shown from the top and the bottom of the table in the text (the chart has them all). */
const TOP_ROWS = 6;
const BOTTOM_ROWS = 4;
const TEAM_WIDTH = 14;

export function registerSeason(bot: Composer<Context>, s: BotServices): void {
  bot.command('season', async (ctx) => {
    const x = textsFor(ctx, SEASON_TEXTS);
    const league = await soleLeagueArgOrReply(ctx, s, x.usage);
    if (!league) return;
    // The simulation and the chart take a moment: detached, like /stats.
    s.tasks.run(async () => {
      const answer = await s.seasonOdds.outlook(league, SEASON_RUNS);
      if (answer.status === 'no_season') {
        await replyHtml(ctx, x.noSeason(league.code, answer.season));
        return;
      }
      const { outlook } = answer;
      await replyHtml(ctx, renderSeason(x, outlook, answer.modelVersion, number(ctx)));
      const { seasonChartPng } = chartModule();
      const runs = number(ctx)(outlook.runs);
      const png = seasonChartPng(outlook, {
        ...x.chart,
        title1: x.chart.title,
        title: x.caption(outlook.league, outlook.season),
        subtitle: x.chart.subtitle(outlook.asOf, runs),
      });
      await sendPng(
        ctx,
        png,
        `scoreline-season-${outlook.league}.png`,
        x.caption(outlook.league, outlook.season),
      );
    });
  });
}

/** The chart code, loaded with the first /season (like resvg in render-png): idle bots skip it. */
function chartModule(): typeof import('./chart') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./chart') as typeof import('./chart');
}

const number = (ctx: Context) => (n: number) =>
  n.toLocaleString(chatState(ctx).locale === 'ru' ? 'ru-RU' : 'en-GB');

export function renderSeason(
  x: SeasonTexts,
  o: SeasonOutlook,
  modelVersion: string | null,
  fmt: (n: number) => string,
): ReturnType<typeof joinHtml> {
  const lines: HtmlValue[] = [
    x.header({
      league: o.league,
      season: o.season,
      asOf: o.asOf,
      played: o.played,
      remaining: o.remaining,
      runs: fmt(o.runs),
    }),
    x.model(modelVersion),
  ];
  if (o.remaining === 0) lines.push(x.over);
  const rows = o.outlook.map((t, i) => outlookLine(t, i));
  const shown =
    rows.length <= TOP_ROWS + BOTTOM_ROWS + 1
      ? rows
      : [...rows.slice(0, TOP_ROWS), '  …', ...rows.slice(-BOTTOM_ROWS)];
  const [team, pts, xpts, ...cells] = x.columns;
  const head = `${team.padEnd(TEAM_WIDTH)} ${pts.padStart(3)} ${xpts.padStart(4)}${cells.map((c) => c.padStart(CELL)).join('')}`;
  lines.push(tgHtml`<pre>${[head, ...shown].join('\n')}</pre>`);
  return joinHtml(lines, '\n');
}

const CELL = 6;
const cell = (p: number) =>
  (p >= 0.995 ? '100' : p > 0 && p < 0.005 ? '<1' : String(Math.round(p * 100))).padStart(CELL);

function outlookLine(t: TeamOutlook, i: number): string {
  const name = `${i + 1}.${t.team}`;
  const team =
    name.length > TEAM_WIDTH ? `${name.slice(0, TEAM_WIDTH - 1)}.` : name.padEnd(TEAM_WIDTH);
  return `${team} ${String(t.points).padStart(3)} ${t.expectedPoints.toFixed(0).padStart(4)}${cell(t.title)}${cell(t.top)}${cell(t.relegation)}`;
}
