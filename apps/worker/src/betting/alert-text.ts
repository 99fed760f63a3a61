// The text and buttons of one value alert, in the chat's language (the worker renders it; the
// tgbot process only sends it).
import {
  alertMuteData,
  alertTrackData,
  joinHtml,
  matchCardData,
  tgHtml,
  type Html,
  type OutboxButton,
} from '@scoreline/queue';
import type { ValueMarket, ValueSide } from '@scoreline/training';

export interface AlertView {
  alertId: number;
  fixtureId: number;
  league: string;
  home: string;
  away: string;
  kickoff: string;
  market: ValueMarket;
  side: ValueSide;
  bookmaker: string;
  price: number;
  model: number;
  marketProb: number;
}

type Lang = 'ru' | 'en';

const SIDES: Record<Lang, Record<ValueSide, string>> = {
  ru: {
    home: 'П1',
    draw: 'X',
    away: 'П2',
    over: 'ТБ 2,5',
    under: 'ТМ 2,5',
    yes: 'Обе забьют — да',
    no: 'Обе забьют — нет',
  },
  en: {
    home: 'Home',
    draw: 'Draw',
    away: 'Away',
    over: 'Over 2.5',
    under: 'Under 2.5',
    yes: 'BTTS yes',
    no: 'BTTS no',
  },
};

const num = (x: number, digits: number, lang: Lang) => {
  const t = x.toFixed(digits);
  return lang === 'ru' ? t.replace('.', ',') : t;
};

/** The outcome's name ("Home", "ТБ 2,5") in `lang`. */
export const sideName = (lang: Lang, side: ValueSide) => SIDES[lang][side];

export function renderAlert(
  v: AlertView,
  language: string,
): { text: Html; buttons: OutboxButton[][] } {
  const lang: Lang = language === 'en' ? 'en' : 'ru';
  const pp = num((v.model - v.marketProb) * 100, 1, lang);
  const ev = num((v.model * v.price - 1) * 100, 1, lang);
  const model = num(v.model * 100, 1, lang);
  const market = num(v.marketProb * 100, 1, lang);
  const price = num(v.price, 2, lang);
  const side = SIDES[lang][v.side];
  const text =
    lang === 'en'
      ? joinHtml(
          [
            tgHtml`<b>Value alert</b> · ${v.league}`,
            tgHtml`<b>${v.home} — ${v.away}</b> · ${v.kickoff} · <code>#${v.fixtureId}</code>`,
            tgHtml`${side} at <b>${price}</b> (${v.bookmaker}): model ${model}% · market ${market}% · edge +${pp} p.p. · EV ${ev}%`,
            tgHtml`<i>A model estimate, not betting advice. 18+. /terms</i>`,
          ],
          '\n',
        )
      : joinHtml(
          [
            tgHtml`<b>Перевес модели</b> · ${v.league}`,
            tgHtml`<b>${v.home} — ${v.away}</b> · ${v.kickoff} · <code>#${v.fixtureId}</code>`,
            tgHtml`${side} по <b>${price}</b> (${v.bookmaker}): модель ${model}% · рынок ${market}% · перевес +${pp} п.п. · EV ${ev}%`,
            tgHtml`<i>Оценка модели, а не совет делать ставки. 18+. /terms</i>`,
          ],
          '\n',
        );
  const buttons: OutboxButton[][] = [
    [
      { text: lang === 'en' ? 'Track it' : 'В портфель', data: alertTrackData(v.alertId) },
      { text: lang === 'en' ? 'Match card' : 'Карточка матча', data: matchCardData(v.fixtureId) },
    ],
    [
      {
        text: lang === 'en' ? `Mute ${v.league}` : `Без алертов ${v.league}`,
        data: alertMuteData(v.alertId),
      },
    ],
  ];
  return { text, buttons };
}
