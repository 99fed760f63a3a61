// /form [league] <team>: the team's last results (date, venue, opponent, score, W/D/L), goals
// for and against over them, and the champion's attack and defence ratings in words.
import type { Composer, Context } from 'telegraf';
import { joinHtml, type HtmlValue } from '@scoreline/queue';
import { replyHtml, textsFor, type BotServices } from '../../context/bot-context';
import { MAX_TEAM_NAME } from '../../input/parse-match';
import type { TeamFormView } from '../../services/team-context';
import { pickedOrReply } from './team-pick';
import { FORM_TEXTS, type FormTexts, type RatingBand } from './texts';

export const FORM_MATCHES = 6;

export function registerForm(bot: Composer<Context>, s: BotServices): void {
  bot.command('form', async (ctx) => {
    const x = textsFor(ctx, FORM_TEXTS);
    let name = ctx.payload.replace(/\s+/g, ' ').trim();
    // A leading league code narrows the search, as in /predict.
    const first = /^(\S+) (.+)$/u.exec(name);
    const codes = new Set((await s.fixtures.leagues()).map((l) => l.code));
    const league =
      first && codes.has(first[1]!.toUpperCase()) ? await s.fixtures.findLeague(first[1]!) : null;
    if (league) name = first![2]!;
    if (!/[\p{L}\p{N}]/u.test(name) || name.length > MAX_TEAM_NAME) {
      await replyHtml(ctx, x.usage);
      return;
    }
    const picked = await pickedOrReply(ctx, await s.teamContext.pick([name], league ?? undefined));
    if (!picked) return;
    const view = await s.teamContext.form(picked.league, picked.teams[0]!, FORM_MATCHES);
    await replyHtml(ctx, renderForm(x, view));
  });
}

export function renderForm(x: FormTexts, view: TeamFormView): ReturnType<typeof joinHtml> {
  const { form } = view;
  if (form.matches.length === 0) return joinHtml([x.noResults(form.team, view.league)]);
  const lines: HtmlValue[] = [x.header(form.team, view.league, form.matches.length)];
  for (const m of form.matches) {
    lines.push(
      x.match({
        date: m.date,
        home: m.home,
        opponent: m.opponent,
        score: `${m.goalsFor}:${m.goalsAgainst}`,
        outcome: x.outcome[m.outcome],
      }),
    );
  }
  lines.push(
    x.totals({
      wins: form.record.W,
      draws: form.record.D,
      losses: form.record.L,
      goalsFor: form.goalsFor,
      goalsAgainst: form.goalsAgainst,
    }),
  );
  lines.push(ratingsLine(x, view.ratings));
  return joinHtml(lines, '\n');
}

function ratingsLine(x: FormTexts, r: TeamFormView['ratings']): HtmlValue {
  switch (r.status) {
    case 'ok':
      return x.ratings({
        attack: x.band[ratingBand(r.attack)],
        attackPct: signedPct(Math.exp(r.attack) - 1),
        // A higher defence concedes fewer: exp(−defence) is the conceded-goals factor.
        defence: x.band[ratingBand(r.defence)],
        defencePct: signedPct(Math.exp(-r.defence) - 1),
        version: r.modelVersion,
      });
    case 'unknown_team':
      return x.unrated(r.modelVersion);
    case 'no_model':
      return x.noChampion;
    case 'unavailable':
      return x.ratingsUnavailable;
  }
}

/**
 * A rating (log goal-rate units against the league mean) in words: ±0.08 is within ~8% of an
 * average side, beyond ±0.25 (~28%) is a side apart.
 */
export function ratingBand(value: number): RatingBand {
  if (value >= 0.25) return 'wellAbove';
  if (value >= 0.08) return 'above';
  if (value > -0.08) return 'average';
  if (value > -0.25) return 'below';
  return 'wellBelow';
}

const signedPct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.round(Math.abs(x) * 100)}%`;
