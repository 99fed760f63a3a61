// Texts of /season. Values arrive as they are: the tgHtml tag escapes them.
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import { defineTexts } from '../../i18n/texts';

export interface SeasonTexts {
  usage: Html;
  header(o: {
    league: string;
    season: string;
    asOf: string;
    played: number;
    remaining: number;
    runs: string;
  }): Html;
  /** Which model forecast the matches. */
  model(version: string | null): Html;
  /** Column heads of the text table: team, points, expected points, title, top 4, relegation. */
  columns: [string, string, string, string, string, string];
  over: Html;
  noSeason(league: string, season: string): Html;
  chart: {
    subtitle(asOf: string, runs: string): string;
    points: string;
    title: string;
    top: string;
    relegation: string;
  };
  caption(league: string, season: string): string;
}

export const SEASON_TEXTS = defineTexts<SeasonTexts>(
  {
    usage: tgHtml`Напишите лигу: <code>/season E0</code>.`,
    header: (o) =>
      joinHtml([
        tgHtml`<b>${o.league} ${o.season}</b>, шансы на ${o.asOf}: сыграно ${o.played}, `,
        tgHtml`осталось ${o.remaining} матчей, ${o.runs} симуляций остатка сезона; шансы в %.`,
      ]),
    model: (version) =>
      version
        ? tgHtml`Матчи прогнозирует модель-чемпион ${version}.`
        : tgHtml`Чемпион лиги здесь недоступен: матчи прогнозирует модель, обученная на сохранённых результатах на сегодня.`,
    columns: ['Команда', 'О', 'ожО', 'Чемп', 'Топ4', 'Выл.'],
    over: tgHtml`Все матчи сезона сыграны: таблица окончательная.`,
    noSeason: (league, season) =>
      tgHtml`Матчей ${league} сезона ${season} в базе нет — симулировать нечего. Прошлый сезон: <code>/table ${league}</code>.`,
    chart: {
      subtitle: (asOf, runs) => `на ${asOf}, ${runs} симуляций; синим — очки, голубым — ожидаемые`,
      points: 'Очки',
      title: 'Чемпион',
      top: 'Топ-4',
      relegation: 'Вылет',
    },
    caption: (league, season) => `${league} ${season}: шансы по симуляции`,
  },
  {
    usage: tgHtml`Give a league: <code>/season E0</code>.`,
    header: (o) =>
      joinHtml([
        tgHtml`<b>${o.league} ${o.season}</b> odds as of ${o.asOf}: ${o.played} played, `,
        tgHtml`${o.remaining} to play, the rest of the season simulated ${o.runs} times; chances in %.`,
      ]),
    model: (version) =>
      version
        ? tgHtml`Matches forecast by the champion model ${version}.`
        : tgHtml`The league’s champion is not available here: matches forecast by the model fitted on the stored results as of today.`,
    columns: ['Team', 'Pts', 'xPts', 'Title', 'Top4', 'Rel.'],
    over: tgHtml`Every match of the season is played: the table is final.`,
    noSeason: (league, season) =>
      tgHtml`No ${league} fixtures of the ${season} season are stored, so there is nothing to simulate. Last season: <code>/table ${league}</code>.`,
    chart: {
      subtitle: (asOf, runs) =>
        `as of ${asOf}, ${runs} simulations; dark: points won, light: expected`,
      points: 'Points',
      title: 'Title',
      top: 'Top 4',
      relegation: 'Relegated',
    },
    caption: (league, season) => `${league} ${season}: season odds by simulation`,
  },
);
