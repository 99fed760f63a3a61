// Texts of /about. Values arrive escaped.
import type { Locale } from '../i18n/messages';

export interface AboutTexts {
  title(version: string, sha: string): string;
  dataHeader: string;
  sources: string;
  freshness(league: string, name: string, date: string | null): string;
  noLeagues: string;
  lastSync(at: string, status: string): string;
  noSync: string;
  syncStatus: Record<'running' | 'succeeded' | 'failed', string>;
  modelsHeader: string;
  model(league: string, version: string, trainedAt: string): string;
  noModels: string;
  more: string;
}

const ru: AboutTexts = {
  title: (version, sha) => `<b>Scoreline</b> ${version} · git <code>${sha}</code>`,
  dataHeader: '<b>Данные</b>',
  sources:
    'История результатов и коэффициентов: football-data.co.uk (открытые исторические данные). ' +
    'Расписание, результаты и предматчевые коэффициенты: SportMonks Football API, ' +
    'когда он подключён.',
  freshness: (league, name, date) =>
    `${league} (${name}): ${date ? `последний сыгранный матч — ${date}` : 'сыгранных матчей нет'}`,
  noLeagues: 'Лиг в базе пока нет.',
  lastSync: (at, status) => `Последняя синхронизация: ${at} UTC — ${status}`,
  noSync: 'Синхронизаций ещё не было (данные импортированы из файлов).',
  syncStatus: { running: 'идёт', succeeded: 'успешно', failed: 'ошибка' },
  modelsHeader: '<b>Модели</b> (действующие)',
  model: (league, version, trainedAt) => `${league}: ${version}, обучена ${trainedAt}`,
  noModels: 'Обученных моделей пока нет.',
  more: '/model — точность моделей, /stats — точность прогнозов бота.',
};

const en: AboutTexts = {
  title: (version, sha) => `<b>Scoreline</b> ${version} · git <code>${sha}</code>`,
  dataHeader: '<b>Data</b>',
  sources:
    'Results and odds history: football-data.co.uk (free historical data). ' +
    'Fixtures, results and pre-match odds: SportMonks Football API when configured.',
  freshness: (league, name, date) =>
    `${league} (${name}): ${date ? `latest finished match ${date}` : 'no finished matches'}`,
  noLeagues: 'No leagues in the database yet.',
  lastSync: (at, status) => `Last sync: ${at} UTC — ${status}`,
  noSync: 'No sync has run yet (the data was imported from files).',
  syncStatus: { running: 'running', succeeded: 'succeeded', failed: 'failed' },
  modelsHeader: '<b>Models</b> (champions)',
  model: (league, version, trainedAt) => `${league}: ${version}, trained ${trainedAt}`,
  noModels: 'No trained models yet.',
  more: '/model — model accuracy, /stats — the bot’s track record.',
};

export const ABOUT_TEXTS: Record<Locale, AboutTexts> = { ru, en };
