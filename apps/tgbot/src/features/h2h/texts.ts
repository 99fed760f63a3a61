// Texts of /h2h. Values arrive as they are: the tgHtml tag escapes them.
import { tgHtml, type Html } from '@scoreline/queue';
import { defineTexts } from '../../i18n/texts';

export interface H2hTexts {
  usage: Html;
  header(a: string, b: string, league: string, count: number): Html;
  meeting(date: string, home: string, score: string, away: string): Html;
  aggregate(t: {
    a: string;
    b: string;
    winsA: number;
    winsB: number;
    draws: number;
    goals: string;
  }): Html;
  never(a: string, b: string, league: string): Html;
}

export const H2H_TEXTS = defineTexts<H2hTexts>(
  {
    usage: tgHtml`Напишите две команды: <code>/h2h Arsenal - Chelsea</code>.`,
    header: (a, b, league, count) =>
      tgHtml`<b>${a} — ${b}</b> (${league}): последние ${count} встреч`,
    meeting: (date, home, score, away) => tgHtml`${date} ${home} <b>${score}</b> ${away}`,
    aggregate: (t) =>
      tgHtml`Победы: ${t.a} ${t.winsA}, ${t.b} ${t.winsB}, ничьи ${t.draws} · мячи ${t.goals}`,
    never: (a, b, league) => tgHtml`${a} и ${b} ещё не встречались в матчах ${league} в базе.`,
  },
  {
    usage: tgHtml`Give two teams: <code>/h2h Arsenal - Chelsea</code>.`,
    header: (a, b, league, count) => tgHtml`<b>${a} v ${b}</b> (${league}): last ${count} meetings`,
    meeting: (date, home, score, away) => tgHtml`${date} ${home} <b>${score}</b> ${away}`,
    aggregate: (t) =>
      tgHtml`Wins: ${t.a} ${t.winsA}, ${t.b} ${t.winsB}, draws ${t.draws} · goals ${t.goals}`,
    never: (a, b, league) => tgHtml`${a} and ${b} have not met in the stored ${league} results.`,
  },
);
