// /table <league> [year]: the standings from stored results — position, team, played, goal
// difference, points and the last five results — in a fixed-width block, current season unless
// a starting year is given.
import type { TableRow } from '@scoreline/model';
import { seasonStarting } from '@scoreline/training';
import { joinHtml, tgHtml } from '@scoreline/queue';
import type { Composer, Context } from 'telegraf';
import { replyHtml, textsFor, type BotServices } from '../../context/bot-context';
import { leagueOrReply } from '../../context/league-arg';
import { TABLE_TEXTS, type TableTexts } from './texts';

const TEAM_WIDTH = 18;
/** The first season of the bundled history; a year outside [FIRST, now] is a typo. */
const FIRST_YEAR = 1993;

export function registerTable(bot: Composer<Context>, s: BotServices): void {
  bot.command('table', async (ctx) => {
    const x = textsFor(ctx, TABLE_TEXTS);
    const [code, yearArg, ...rest] = ctx.payload.trim().split(/\s+/).filter(Boolean);
    const year = yearArg === undefined ? undefined : Number(yearArg);
    const lastYear = s.now().getUTCFullYear();
    if (
      !code ||
      rest.length > 0 ||
      (year !== undefined && (!Number.isInteger(year) || year < FIRST_YEAR || year > lastYear))
    ) {
      await replyHtml(ctx, x.usage);
      return;
    }
    const league = await leagueOrReply(ctx, s, code);
    if (!league) return;
    const standings = await s.standings.table(league, year);
    if (!standings) {
      const season = year === undefined ? null : seasonStarting(year);
      await replyHtml(ctx, x.noData(league.code, season));
      return;
    }
    await replyHtml(
      ctx,
      joinHtml(
        [
          x.header(standings.league, standings.season, standings.played, standings.through),
          tgHtml`<pre>${tableLines(standings.table, x).join('\n')}</pre>`,
        ],
        '\n',
      ),
    );
  });
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
