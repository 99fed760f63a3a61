// Texts of /table. Values arrive as they are: the tgHtml tag escapes them.
import { tgHtml, type Html } from '@scoreline/queue';
import { defineTexts } from '../../i18n/texts';

export interface TableTexts {
  header(league: string, season: string, played: number, through: string): Html;
  columns: string;
  /** Win, draw, loss in the form column. */
  form: Record<'W' | 'D' | 'L', string>;
  usage: Html;
  noData(league: string, season: string | null): Html;
  /** The button under the text table that sends it as a picture. */
  pictureButton: string;
  caption(league: string, season: string): string;
  chart: {
    subtitle(played: number, through: string): string;
    columns: [string, string, string, string, string, string, string, string];
  };
}

export const TABLE_TEXTS = defineTexts<TableTexts>(
  {
    header: (league, season, played, through) =>
      tgHtml`<b>${league} ${season}</b>: ${played} матчей, по ${through}`,
    columns: ' М Команда             И   РМ   О Форма',
    form: { W: 'В', D: 'Н', L: 'П' },
    usage: tgHtml`Напишите <code>/table E0</code> или <code>/table E0 2019</code> (сезон 2019/20); картинкой — <code>/table E0 png</code>.`,
    noData: (league, season) =>
      season
        ? tgHtml`Нет результатов ${league} за сезон ${season}.`
        : tgHtml`Нет результатов ${league}.`,
    pictureButton: '🖼 Картинкой',
    caption: (league, season) => `${league} ${season}: турнирная таблица`,
    chart: {
      subtitle: (played, through) => `${played} матчей, по ${through}`,
      columns: ['И', 'В', 'Н', 'П', 'Мячи', 'РМ', 'О', 'Последние 5'],
    },
  },
  {
    header: (league, season, played, through) =>
      tgHtml`<b>${league} ${season}</b>: ${played} matches, through ${through}`,
    columns: ' # Team                P   GD Pts Form',
    form: { W: 'W', D: 'D', L: 'L' },
    usage: tgHtml`Send <code>/table E0</code> or <code>/table E0 2019</code> (the 2019/20 season); as a picture: <code>/table E0 png</code>.`,
    noData: (league, season) =>
      season
        ? tgHtml`No ${league} results for the ${season} season.`
        : tgHtml`No ${league} results yet.`,
    pictureButton: '🖼 As a picture',
    caption: (league, season) => `${league} ${season}: league table`,
    chart: {
      subtitle: (played, through) => `${played} matches, through ${through}`,
      columns: ['P', 'W', 'D', 'L', 'Goals', 'GD', 'Pts', 'Last 5'],
    },
  },
);
