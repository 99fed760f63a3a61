// Texts of /stats and /export. Numbers arrive formatted, names as they are (tgHtml escapes them).
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import type { Locale } from '../../i18n/messages';

/** Who scored better at the shown precision. */
export type Verdict = 'model' | 'market' | 'level';

export interface StatsTexts {
  header(scope: string): Html;
  allLeagues: string;
  counted(n: number, from: string, to: string): Html;
  models(versions: string, more: number): Html;
  scores(v: { rps: string; logLoss: string; brier: string; hit: string }): Html;
  vsMarket(v: {
    label: string;
    n: number;
    modelRps: string;
    marketRps: string;
    modelHit: string;
    marketHit: string;
    verdict: Verdict;
  }): Html;
  noMarket: Html;
  leagueLine(v: { league: string; n: number; rps: string; hit: string; market: Html | null }): Html;
  leagueMarket(modelRps: string, marketRps: string, n: number): Html;
  byMonth(shown: number, total: number): Html;
  monthLine(v: {
    month: string;
    n: number;
    rps: string;
    market: string | null;
    verdict: Verdict | null;
  }): Html;
  note: Html;
  truncated(limit: number): Html;
  /** The ledger's head (short hash) and how anyone with the database checks it. */
  ledger(records: number, hash: string): Html;
  empty(scope: string): Html;
  chartCaption(scope: string, n: number, marketN: number): string;
  yardstick: Record<'closing' | 'preClosing', string>;
  exportUsage: Html;
  exportNoPredictionsFixture(id: number, match: string): Html;
  exportNoPredictionsLeague(league: string): Html;
  exportFixtureCaption(match: string, id: number, rows: number): string;
  exportLeagueCaption(league: string, rows: number, limited: boolean, limit: number): string;
}

const RU_VERDICT: Record<Verdict, string> = {
  model: 'модель лучше',
  market: 'рынок лучше',
  level: 'поровну',
};
const EN_VERDICT: Record<Verdict, string> = {
  model: 'model better',
  market: 'market better',
  level: 'level',
};
const MARK: Record<Verdict, string> = { model: '✅', market: '❌', level: '＝' };

const ru: StatsTexts = {
  header: (scope) => tgHtml`<b>Точность прогнозов бота</b> · ${scope}`,
  allLeagues: 'все лиги',
  counted: (n, from, to) => tgHtml`Рассчитанных прогнозов: <b>${n}</b> (${from} — ${to})`,
  models: (versions, more) => tgHtml`Модели: ${versions}${more > 0 ? tgHtml` и ещё ${more}` : ''}`,
  scores: (v) =>
    joinHtml([
      tgHtml`Средние: RPS <b>${v.rps}</b> · log loss ${v.logLoss} · Brier ${v.brier}\nУгадан `,
      tgHtml`самый вероятный исход: <b>${v.hit}</b>`,
    ]),
  vsMarket: (v) =>
    joinHtml([
      tgHtml`Против рынка (${v.label}, без маржи) на тех же матчах (${v.n}): `,
      tgHtml`RPS ${v.modelRps} против ${v.marketRps} — ${RU_VERDICT[v.verdict]}; `,
      tgHtml`угадано ${v.modelHit} против ${v.marketHit}`,
    ]),
  noMarket: tgHtml`Коэффициентов букмекеров на эти матчи в базе нет — сравнить с рынком не с чем.`,
  leagueLine: (v) =>
    tgHtml`<b>${v.league}</b>: ${v.n} · RPS ${v.rps} · угадано ${v.hit}${v.market}`,
  leagueMarket: (model, market, n) =>
    tgHtml`\n  против рынка на тех же матчах (${n}): RPS ${model} против ${market}`,
  byMonth: (shown, total) =>
    shown === total
      ? tgHtml`<b>По месяцам</b> (RPS модели против рынка на тех же матчах)`
      : tgHtml`<b>По месяцам</b>, последние ${shown} из ${total} (RPS модели против рынка)`,
  monthLine: (v) =>
    tgHtml`${v.month}: ${v.n} · RPS ${v.rps}${v.market === null || v.verdict === null ? ` · без коэффициентов` : tgHtml` против ${v.market} ${MARK[v.verdict]}`}`,
  note: joinHtml([
    tgHtml`<i>Меньше RPS, log loss и Brier — лучше. Цифры посчитаны по прогнозам `,
    tgHtml`в том виде, в каком они были сохранены в момент запроса, и оценены `,
    tgHtml`после матча; ничего не правится и не удаляется задним числом, неудачные `,
    tgHtml`периоды входят в счёт.</i>`,
  ]),
  truncated: (limit) => tgHtml`Учтены последние ${limit} рассчитанных прогнозов.`,
  ledger: (records, hash) =>
    joinHtml([
      tgHtml`🔒 Журнал прогнозов: запечатано ${records}, вершина цепочки <code>${hash}</code>. `,
      tgHtml`Проверка: <code>scoreline ledger verify</code>`,
    ]),
  empty: (scope) =>
    joinHtml([
      tgHtml`Рассчитанных прогнозов пока нет (${scope}). Прогноз попадает в статистику, `,
      tgHtml`когда его матч сыгран и результат известен.`,
    ]),
  chartCaption: (scope, n, marketN) =>
    `Калибровка прогнозов бота, ${scope}. Прогнозов: ${n}` +
    (marketN > 0 ? `; матчей с коэффициентами закрытия (без маржи): ${marketN}.` : '.'),
  yardstick: { closing: 'закрытие', preClosing: 'до закрытия' },
  exportUsage: tgHtml`Укажите матч или лигу: <code>/export 123</code> (id матча) или <code>/export E0</code>.`,
  exportNoPredictionsFixture: (id, match) =>
    tgHtml`По матчу #${id} (${match}) сохранённых прогнозов нет.`,
  exportNoPredictionsLeague: (league) => tgHtml`По лиге ${league} сохранённых прогнозов нет.`,
  exportFixtureCaption: (match, id, rows) =>
    `Прогнозы на матч ${match} (#${id}), строк: ${rows}. CSV, UTF-8 с BOM, время в UTC.`,
  exportLeagueCaption: (league, rows, limited, limit) =>
    `Прогнозы по лиге ${league}, строк: ${rows}.` +
    (limited ? ` Только последние ${limit} — более ранние в файл не вошли.` : '') +
    ' CSV, UTF-8 с BOM, время в UTC.',
};

const en: StatsTexts = {
  header: (scope) => tgHtml`<b>The bot’s track record</b> · ${scope}`,
  allLeagues: 'all leagues',
  counted: (n, from, to) => tgHtml`Settled predictions: <b>${n}</b> (${from} – ${to})`,
  models: (versions, more) =>
    tgHtml`Models: ${versions}${more > 0 ? tgHtml` and ${more} more` : ''}`,
  scores: (v) =>
    joinHtml([
      tgHtml`Means: RPS <b>${v.rps}</b> · log loss ${v.logLoss} · Brier ${v.brier}\nMost `,
      tgHtml`likely outcome happened: <b>${v.hit}</b>`,
    ]),
  vsMarket: (v) =>
    joinHtml([
      tgHtml`vs market (${v.label}, de-vigged) on the same ${v.n} matches: RPS `,
      tgHtml`${v.modelRps} vs ${v.marketRps} — ${EN_VERDICT[v.verdict]}; hit `,
      tgHtml`rate ${v.modelHit} vs ${v.marketHit}`,
    ]),
  noMarket: joinHtml([
    tgHtml`No bookmaker prices for these matches in the database: no market `,
    tgHtml`to compare with.`,
  ]),
  leagueLine: (v) =>
    tgHtml`<b>${v.league}</b>: ${v.n} · RPS ${v.rps} · hit rate ${v.hit}${v.market}`,
  leagueMarket: (model, market, n) =>
    tgHtml`\n  vs market on the same ${n} matches: RPS ${model} vs ${market}`,
  byMonth: (shown, total) =>
    shown === total
      ? tgHtml`<b>By month</b> (model RPS vs the market on the same matches)`
      : tgHtml`<b>By month</b>, the latest ${shown} of ${total} (model RPS vs the market)`,
  monthLine: (v) =>
    tgHtml`${v.month}: ${v.n} · RPS ${v.rps}${v.market === null || v.verdict === null ? ` · no prices` : tgHtml` vs ${v.market} ${MARK[v.verdict]}`}`,
  note: joinHtml([
    tgHtml`<i>Lower RPS, log loss and Brier are better. The figures are computed `,
    tgHtml`from the predictions as they were stored when made and scored after `,
    tgHtml`the match; nothing is edited or removed after the fact, losing periods included.</i>`,
  ]),
  truncated: (limit) => tgHtml`Counted: the latest ${limit} settled predictions.`,
  ledger: (records, hash) =>
    joinHtml([
      tgHtml`🔒 Prediction ledger: ${records} sealed, chain head <code>${hash}</code>. `,
      tgHtml`Verify: <code>scoreline ledger verify</code>`,
    ]),
  empty: (scope) =>
    joinHtml([
      tgHtml`No settled predictions yet (${scope}). A prediction counts once `,
      tgHtml`its match has been played and scored.`,
    ]),
  chartCaption: (scope, n, marketN) =>
    `Calibration of the bot’s predictions, ${scope}: ${n} predictions` +
    (marketN > 0 ? `; market (closing, de-vigged): ${marketN} matches.` : '.'),
  yardstick: { closing: 'closing', preClosing: 'pre-closing' },
  exportUsage: joinHtml([
    tgHtml`Give a match or a league: <code>/export 123</code> (match id) or `,
    tgHtml`<code>/export E0</code>.`,
  ]),
  exportNoPredictionsFixture: (id, match) =>
    tgHtml`No stored predictions for match #${id} (${match}).`,
  exportNoPredictionsLeague: (league) => tgHtml`No stored predictions for ${league}.`,
  exportFixtureCaption: (match, id, rows) =>
    `Predictions for ${match} (#${id}): ${rows}. CSV, UTF-8 with BOM, times in UTC.`,
  exportLeagueCaption: (league, rows, limited, limit) =>
    `Predictions for ${league}: ${rows}.` +
    (limited ? ` Only the newest ${limit}; older ones are not in this file.` : '') +
    ' CSV, UTF-8 with BOM, times in UTC.',
};

export const STATS_TEXTS: Record<Locale, StatsTexts> = { ru, en };
