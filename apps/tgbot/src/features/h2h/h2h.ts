// /h2h <team> - <team>: the last meetings of two teams (either venue) with dates and scores, and
// the aggregate: wins of each, draws, goals. Names are read and matched as /predict reads them.
import type { Composer, Context } from 'telegraf';
import { joinHtml, type Html, type HtmlValue } from '@scoreline/queue';
import type { HeadToHead } from '@scoreline/training';
import { replyHtml, textsFor, type BotServices } from '../../context/bot-context';
import { parseMatchQuery } from '../../input/parse-match';
import { pickedOrReply } from '../form/team-pick';
import { H2H_TEXTS, type H2hTexts } from './texts';

export const H2H_MEETINGS = 10;

export function registerH2h(bot: Composer<Context>, s: BotServices): void {
  bot.command('h2h', async (ctx) => {
    const x = textsFor(ctx, H2H_TEXTS);
    const codes = new Set((await s.fixtures.leagues()).map((l) => l.code));
    const query = parseMatchQuery(ctx.payload, codes);
    if (!query) {
      await replyHtml(ctx, x.usage);
      return;
    }
    const league = query.league ? await s.fixtures.findLeague(query.league) : null;
    const pick = await s.teamContext.pick([query.home, query.away], league ?? undefined);
    const picked = await pickedOrReply(ctx, pick);
    if (!picked) return;
    const [a, b] = picked.teams as [string, string];
    const h2h = await s.teamContext.headToHead(picked.league, a, b, H2H_MEETINGS);
    await replyHtml(ctx, renderH2h(x, h2h, picked.league));
  });
}

export function renderH2h(x: H2hTexts, h2h: HeadToHead, league: string): Html {
  const [a, b] = h2h.teams;
  if (h2h.meetings.length === 0) return x.never(a, b, league);
  const lines: HtmlValue[] = [x.header(a, b, league, h2h.meetings.length)];
  for (const m of h2h.meetings) {
    lines.push(x.meeting(m.date, m.home, `${m.homeGoals}:${m.awayGoals}`, m.away));
  }
  lines.push(
    x.aggregate({
      a,
      b,
      winsA: h2h.wins[0],
      winsB: h2h.wins[1],
      draws: h2h.draws,
      goals: `${h2h.goals[0]}:${h2h.goals[1]}`,
    }),
  );
  return joinHtml(lines, '\n');
}
