// /table <league> [year] [png]: the standings from stored results — position, team, played, goal
// difference, points and the last five results — in a fixed-width block with a button that sends
// them as a picture (or the picture alone with `png`), current season unless a starting year is
// given.
import type { League } from '@scoreline/db';
import type { TableRow } from '@scoreline/model';
import { seasonStarting, type Standings } from '@scoreline/training';
import { joinHtml, tgHtml } from '@scoreline/queue';
import type { Composer, Context } from 'telegraf';
import { replyHtml, textsFor, type BotServices } from '../../context/bot-context';
import { leagueOrReply } from '../../context/league-arg';
import { sendPng } from '../stats/stats-data';
import { tablePictureButton } from './buttons';
import { TABLE_TEXTS, type TableTexts } from './texts';

const TEAM_WIDTH = 18;
/** The first season of the bundled history; a year outside [FIRST, now] is a typo. */
const FIRST_YEAR = 1993;
const PICTURE = /^(png|pic|picture|картинка|картинкой)$/i;

/** `/table` arguments: league code, then a starting year and/or `png` in any order. */
export function parseTableArgs(
  payload: string,
  lastYear: number,
): { code: string; year?: number; picture: boolean } | null {
  const [code, ...rest] = payload.trim().split(/\s+/).filter(Boolean);
  if (!code) return null;
  let year: number | undefined;
  let picture = false;
  for (const word of rest) {
    if (PICTURE.test(word) && !picture) picture = true;
    else if (/^\d{4}$/.test(word) && year === undefined) year = Number(word);
    else return null;
  }
  if (year !== undefined && (year < FIRST_YEAR || year > lastYear)) return null;
  return { code, ...(year === undefined ? {} : { year }), picture };
}

export function registerTable(bot: Composer<Context>, s: BotServices): void {
  bot.command('table', async (ctx) => {
    const x = textsFor(ctx, TABLE_TEXTS);
    const args = parseTableArgs(ctx.payload, s.now().getUTCFullYear());
    if (!args) {
      await replyHtml(ctx, x.usage);
      return;
    }
    const league = await leagueOrReply(ctx, s, args.code);
    if (!league) return;
    const standings = await standingsOrReply(ctx, s, league, args.year);
    if (!standings) return;
    if (args.picture) {
      await sendTablePicture(ctx, standings);
      return;
    }
    const button = {
      text: x.pictureButton,
      callback_data: tablePictureButton.encode({
        kind: 'tablePicture',
        league: standings.league,
        year: Number(standings.season.slice(0, 4)),
      }),
    };
    await replyHtml(
      ctx,
      joinHtml(
        [
          x.header(standings.league, standings.season, standings.played, standings.through),
          tgHtml`<pre>${tableLines(standings.table, x).join('\n')}</pre>`,
        ],
        '\n',
      ),
      [[button]],
    );
  });
}

/** The standings, or null after saying there are none for that season. */
export async function standingsOrReply(
  ctx: Context,
  s: BotServices,
  league: League,
  year: number | undefined,
): Promise<Standings | null> {
  const standings = await s.standings.table(league, year);
  if (!standings) {
    const season = year === undefined ? null : seasonStarting(year);
    await replyHtml(ctx, textsFor(ctx, TABLE_TEXTS).noData(league.code, season));
  }
  return standings;
}

/** Sends the standings as a PNG (the chart code loads with the first picture). */
export async function sendTablePicture(ctx: Context, standings: Standings): Promise<void> {
  const x = textsFor(ctx, TABLE_TEXTS);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { tableChartPng } = require('./chart') as typeof import('./chart');
  const caption = x.caption(standings.league, standings.season);
  const png = tableChartPng(standings, {
    title: caption,
    subtitle: x.chart.subtitle(standings.played, standings.through),
    columns: x.chart.columns,
    form: x.form,
  });
  await sendPng(
    ctx,
    png,
    `scoreline-table-${standings.league}-${standings.season.slice(0, 4)}.png`,
    caption,
  );
}

function tableLines(table: readonly TableRow[], x: TableTexts): string[] {
  const cut = (name: string) =>
    name.length > TEAM_WIDTH ? `${name.slice(0, TEAM_WIDTH - 1)}.` : name.padEnd(TEAM_WIDTH);
  return [
    x.columns,
    ...table.map((r, i) =>
      [
        String(i + 1).padStart(2),
        cut(r.team),
        String(r.played).padStart(2),
        `${r.goalDifference > 0 ? '+' : ''}${r.goalDifference}`.padStart(4),
        String(r.points).padStart(3),
        r.form.map((f) => x.form[f]).join(''),
      ].join(' '),
    ),
  ];
}
