// Texts of /about. Values arrive as they are: the tgHtml tag escapes them.
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import type { Locale } from '../../i18n/messages';

export interface AboutTexts {
  title(version: string, sha: string): Html;
  dataHeader: Html;
  sources: Html;
  freshness(league: string, name: string, date: string | null): Html;
  noLeagues: Html;
  lastSync(at: string, status: string): Html;
  noSync: Html;
  syncStatus: Record<'running' | 'succeeded' | 'failed', string>;
  modelsHeader: Html;
  model(league: string, version: string, trainedAt: string): Html;
  noModels: Html;
  more: Html;
}

const ru: AboutTexts = {
  title: (version, sha) => tgHtml`<b>Scoreline</b> ${version} · git <code>${sha}</code>`,
  dataHeader: tgHtml`<b>Данные</b>`,
  sources: joinHtml([
    tgHtml`История результатов и коэффициентов: football-data.co.uk (открытые `,
    tgHtml`исторические данные). Результаты текущего сезона и ближайшие матчи с коэффициентами: `,
    tgHtml`football-data.co.uk (каждый день), или SportMonks Football API, когда он подключён.`,
  ]),
  freshness: (league, name, date) =>
    tgHtml`${league} (${name}): ${date ? tgHtml`последний сыгранный матч — ${date}` : tgHtml`сыгранных матчей нет`}`,
  noLeagues: tgHtml`Лиг в базе пока нет.`,
  lastSync: (at, status) => tgHtml`Последняя синхронизация: ${at} UTC — ${status}`,
  noSync: tgHtml`Синхронизаций ещё не было (данные импортированы из файлов).`,
  syncStatus: { running: 'идёт', succeeded: 'успешно', failed: 'ошибка' },
  modelsHeader: tgHtml`<b>Модели</b> (действующие)`,
  model: (league, version, trainedAt) => tgHtml`${league}: ${version}, обучена ${trainedAt}`,
  noModels: tgHtml`Обученных моделей пока нет.`,
  more: tgHtml`/model — точность моделей, /stats — точность прогнозов бота.`,
};

const en: AboutTexts = {
  title: (version, sha) => tgHtml`<b>Scoreline</b> ${version} · git <code>${sha}</code>`,
  dataHeader: tgHtml`<b>Data</b>`,
  sources: joinHtml([
    tgHtml`Results and odds history: football-data.co.uk (free historical data). `,
    tgHtml`This season's results and upcoming fixtures with odds: football-data.co.uk (daily), `,
    tgHtml`or the SportMonks Football API when configured.`,
  ]),
  freshness: (league, name, date) =>
    tgHtml`${league} (${name}): ${date ? tgHtml`latest finished match ${date}` : tgHtml`no finished matches`}`,
  noLeagues: tgHtml`No leagues in the database yet.`,
  lastSync: (at, status) => tgHtml`Last sync: ${at} UTC — ${status}`,
  noSync: tgHtml`No sync has run yet (the data was imported from files).`,
  syncStatus: { running: 'running', succeeded: 'succeeded', failed: 'failed' },
  modelsHeader: tgHtml`<b>Models</b> (champions)`,
  model: (league, version, trainedAt) => tgHtml`${league}: ${version}, trained ${trainedAt}`,
  noModels: tgHtml`No trained models yet.`,
  more: tgHtml`/model — model accuracy, /stats — the bot’s track record.`,
};

export const ABOUT_TEXTS: Record<Locale, AboutTexts> = { ru, en };
