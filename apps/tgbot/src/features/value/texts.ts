// Texts of /value, /compare and inline mode, per locale (read with textsFor). Numbers arrive
// already formatted; names arrive as they are (tgHtml escapes them).
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import type { Locale } from '../../i18n/messages';

export interface ValueTexts {
  /** Probabilities are estimates, not advice; 18+; bet only what you can afford to lose. */
  responsible: Html;
  valueHeader(days: number, league: string | null): Html;
  valueIntro: Html;
  valueNone: Html;
  valueMore(n: number): Html;
  withoutOdds(n: number): Html;
  withoutPrediction(n: number): Html;
  noUpcoming(league: string | null): Html;
  valueUsage: Html;
  outcome: { home: string; draw: string; away: string; over: string; under: string };
  /** "model 35.2% · market 28.1% · edge +7.1 p.p. · EV +19.7% at 3.40 (PS)" */
  edgeLine(e: {
    model: string;
    market: string;
    pp: string;
    ev: string;
    price: string;
    bookmaker: string;
  }): Html;
  compareUsage: Html;
  compareNoOdds(id: string): Html;
  compareModel: string;
  compareHead1x2: Html;
  compareHeadTotal: Html;
  /** "EV at the price" legend under the table. */
  compareLegend: Html;
  calculating: Html;
  /** A league whose model trails the market: no value bets there, and why (RPS figures). */
  silent(league: string, modelRps: string, marketRps: string, n: number): Html;
  /** A league whose model was never checked against the market (or has none). */
  silentUnchecked(league: string, reason: string): Html;
  inlineHelpTitle: string;
  inlineHelpDescription: string;
  inlineHelpMessage: Html;
  inlineRetryTitle: string;
  inlineRetryDescription: string;
  inlineProblemTitle: string;
  inlineCardDescription(home: string, draw: string, away: string): string;
}

const ru: ValueTexts = {
  responsible: joinHtml([
    tgHtml`<i>Вероятности — оценки модели, а не совет делать ставки. 18+. Ставьте `,
    tgHtml`только то, что можете позволить себе проиграть.</i>`,
  ]),
  valueHeader: (days, league) =>
    tgHtml`<b>Модель против букмекеров</b> · ${days} дн.${league ? tgHtml` · ${league}` : ''}`,
  valueIntro: joinHtml([
    tgHtml`Исходы, где вероятность модели выше вероятности букмекера без маржи; `,
    tgHtml`EV — ожидаемый результат ставки 1 по предложенному коэффициенту.`,
  ]),
  valueNone: tgHtml`Ни один исход не оценён моделью выше рынка.`,
  valueMore: (n) => tgHtml`…и ещё ${n}.`,
  withoutOdds: (n) => tgHtml`Матчей без коэффициентов: ${n}.`,
  withoutPrediction: (n) => tgHtml`Матчей без прогноза модели: ${n}.`,
  noUpcoming: (league) =>
    tgHtml`Ближайших матчей${league ? tgHtml` (${league})` : ''} на 7 дней в базе нет.`,
  valueUsage: tgHtml`Напишите <code>/value</code> или <code>/value E0</code>.`,
  outcome: { home: 'П1', draw: 'X', away: 'П2', over: 'ТБ 2,5', under: 'ТМ 2,5' },
  edgeLine: (e) =>
    joinHtml([
      tgHtml`модель ${e.model} · рынок ${e.market} · перевес ${e.pp} п.п. · EV `,
      tgHtml`${e.ev} при ${e.price} (${e.bookmaker})`,
    ]),
  compareUsage: tgHtml`Напишите номер матча: <code>/compare 123</code> (номера — в /today и /match).`,
  compareNoOdds: (id) => tgHtml`Для матча ${id} нет коэффициентов до начала игры.`,
  compareModel: 'Модель',
  compareHead1x2: tgHtml`<b>1X2</b> — рынок без маржи, перевес модели в п.п., EV при коэффициенте`,
  compareHeadTotal: tgHtml`<b>Тотал 2,5</b>`,
  compareLegend: tgHtml`Перевес = модель − рынок; EV = модель × коэффициент − 1.`,
  calculating: tgHtml`Считаю…`,
  silent: (league, model, market, n) =>
    joinHtml([
      tgHtml`${league}: перевесы не показываются — модель точнее рынка не доказала: `,
      tgHtml`RPS модели ${model} против ${market} у рынка без маржи (${n} матчей).`,
    ]),
  silentUnchecked: (league, reason) =>
    tgHtml`${league}: перевесы не показываются — модель не проверена против рынка (${reason}).`,
  inlineHelpTitle: 'Прогноз матча',
  inlineHelpDescription: 'Напишите две команды: Арсенал Челси',
  inlineHelpMessage: joinHtml([
    tgHtml`Напишите боту две команды, например <code>Арсенал - Челси</code>, `,
    tgHtml`и получите прогноз.`,
  ]),
  inlineRetryTitle: 'Модель ещё считает',
  inlineRetryDescription: 'Повторите запрос через несколько секунд',
  inlineProblemTitle: 'Прогноз недоступен',
  inlineCardDescription: (h, d, a) => `П1 ${h} · X ${d} · П2 ${a}`,
};

const en: ValueTexts = {
  responsible: joinHtml([
    tgHtml`<i>Probabilities are model estimates, not betting advice. 18+. Bet `,
    tgHtml`only what you can afford to lose.</i>`,
  ]),
  valueHeader: (days, league) =>
    tgHtml`<b>Model vs bookmakers</b> · next ${days} days${league ? tgHtml` · ${league}` : ''}`,
  valueIntro: joinHtml([
    tgHtml`Outcomes where the model’s probability is above the bookmaker’s `,
    tgHtml`with the margin removed; EV is the expected return of a stake of `,
    tgHtml`1 at the offered price.`,
  ]),
  valueNone: tgHtml`No outcome is rated above the market by the model.`,
  valueMore: (n) => tgHtml`…and ${n} more.`,
  withoutOdds: (n) => tgHtml`Fixtures without odds: ${n}.`,
  withoutPrediction: (n) => tgHtml`Fixtures without a model prediction: ${n}.`,
  noUpcoming: (league) =>
    tgHtml`No upcoming fixtures${league ? tgHtml` (${league})` : ''} in the next 7 days in the database.`,
  valueUsage: tgHtml`Send <code>/value</code> or <code>/value E0</code>.`,
  outcome: { home: 'Home', draw: 'Draw', away: 'Away', over: 'Over 2.5', under: 'Under 2.5' },
  edgeLine: (e) =>
    joinHtml([
      tgHtml`model ${e.model} · market ${e.market} · edge ${e.pp} p.p. · EV ${e.ev} `,
      tgHtml`at ${e.price} (${e.bookmaker})`,
    ]),
  compareUsage: tgHtml`Send a match id: <code>/compare 123</code> (ids are shown by /today and /match).`,
  compareNoOdds: (id) => tgHtml`There are no pre-match odds for match ${id}.`,
  compareModel: 'Model',
  compareHead1x2: tgHtml`<b>1X2</b> — market without margin, model edge in p.p., EV at the price`,
  compareHeadTotal: tgHtml`<b>Total 2.5</b>`,
  compareLegend: tgHtml`Edge = model − market; EV = model × price − 1.`,
  calculating: tgHtml`Calculating…`,
  silent: (league, model, market, n) =>
    joinHtml([
      tgHtml`${league}: no value bets — the model trails the market: model RPS ${model} `,
      tgHtml`against ${market} for the market without margin (${n} matches).`,
    ]),
  silentUnchecked: (league, reason) =>
    tgHtml`${league}: no value bets — the model has not been checked against the market (${reason}).`,
  inlineHelpTitle: 'Match prediction',
  inlineHelpDescription: 'Type two teams: Arsenal Chelsea',
  inlineHelpMessage: joinHtml([
    tgHtml`Send the bot two teams, e.g. <code>Arsenal - Chelsea</code>, to `,
    tgHtml`get a prediction.`,
  ]),
  inlineRetryTitle: 'The model is still calculating',
  inlineRetryDescription: 'Try again in a few seconds',
  inlineProblemTitle: 'No prediction',
  inlineCardDescription: (h, d, a) => `Home ${h} · Draw ${d} · Away ${a}`,
};

export const VALUE_TEXTS: Record<Locale, ValueTexts> = { ru, en };

/** A probability as a percentage with one decimal ("35.2%"; a decimal comma in Russian). */
export function pct1(p: number, locale: Locale): string {
  return decimal((p * 100).toFixed(1), locale) + '%';
}

/** A signed number with one decimal ("+7.1", "-3.0"). */
export function signed1(x: number, locale: Locale): string {
  const r = Math.round(x * 10) / 10;
  const text = Math.abs(r).toFixed(1);
  return decimal(`${r < 0 ? '-' : '+'}${text}`, locale);
}

/** A decimal price with two decimals ("3.40"). */
export function price2(x: number, locale: Locale): string {
  return decimal(x.toFixed(2), locale);
}

function decimal(text: string, locale: Locale): string {
  return locale === 'ru' ? text.replace('.', ',') : text;
}
