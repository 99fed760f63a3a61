// /about: which build answers (version, git sha), where the data comes from and how fresh it is
// (latest finished match per league, the last sync run), and which model serves each league.
import { joinHtml, type HtmlValue } from '@scoreline/queue';
import type { Composer, Context } from 'telegraf';
import { replyHtml, textsFor, type BotServices } from '../../context/bot-context';
import { ABOUT_TEXTS } from './texts';

/** `job_runs.job_name` of the SportMonks sync (see @scoreline/feeds). */
const SYNC_JOB = 'sync';

const day = (d: Date) => d.toISOString().slice(0, 10);
const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

export function registerAbout(bot: Composer<Context>, s: BotServices): void {
  bot.command('about', async (ctx) => {
    const x = textsFor(ctx, ABOUT_TEXTS);
    const leagues = [...(await s.fixtures.leagues())].sort((a, b) => a.code.localeCompare(b.code));
    const lines: HtmlValue[] = [x.title(s.app.version, s.app.gitSha), '', x.dataHeader, x.sources];
    if (leagues.length === 0) lines.push(x.noLeagues);
    for (const l of leagues) {
      lines.push(x.freshness(l.code, l.name, await s.status.latestFinishedDate(l.id)));
    }
    const [sync] = await s.status.recentJobRuns({ name: SYNC_JOB, limit: 1 });
    lines.push(sync ? x.lastSync(minute(sync.startedAt), x.syncStatus[sync.status]) : x.noSync);

    const champions = (await s.status.models())
      .filter((m) => m.status === 'champion')
      .sort((a, b) => a.leagueCode.localeCompare(b.leagueCode));
    lines.push('', x.modelsHeader);
    if (champions.length === 0) lines.push(x.noModels);
    for (const m of champions) {
      lines.push(x.model(m.leagueCode, m.version, day(m.trainedAt)));
    }
    lines.push('', x.more);
    await replyHtml(ctx, joinHtml(lines, '\n'));
  });
}
