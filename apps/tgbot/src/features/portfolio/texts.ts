// What /portfolio says, in Russian and English. Numbers arrive formatted.
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import { defineTexts } from '../../i18n/texts';

export interface PortfolioTexts {
  header(staking: 'kelly' | 'flat'): Html;
  counts(picks: number, open: number, settled: number, won: number): Html;
  figures(f: { staked: string; profit: string; roi: string; hitRate: string; clv: string }): Html;
  empty: Html;
  recent: Html;
  pickLine(p: { match: string; side: string; price: string; stake: string; result: string }): Html;
  open: string;
  won(profit: string): string;
  lost(profit: string): string;
  clv(c: string): string;
  sides: Record<string, string>;
  chartButton: string;
  csvButton: string;
  kellyButton: string;
  flatButton: string;
  stakingSet: string;
  nothingSettled: string;
  chartTitle: string;
  csvCaption: string;
  tracked(match: string, side: string, price: string, stake: string): string;
  alreadyTracked: string;
  unknownAlert: string;
  usage: Html;
}

const sidesRu = {
  home: 'П1',
  draw: 'X',
  away: 'П2',
  over: 'ТБ 2,5',
  under: 'ТМ 2,5',
  yes: 'ОЗ да',
  no: 'ОЗ нет',
};
const sidesEn = {
  home: 'Home',
  draw: 'Draw',
  away: 'Away',
  over: 'Over 2.5',
  under: 'Under 2.5',
  yes: 'BTTS yes',
  no: 'BTTS no',
};

export const PORTFOLIO_TEXTS = defineTexts<PortfolioTexts>(
  {
    header: (staking) =>
      tgHtml`<b>Бумажный портфель</b> · ставка: ${staking === 'kelly' ? '¼ Келли (не больше 5 ед. из 100)' : '1 ед.'}`,
    counts: (n, open, settled, won) =>
      tgHtml`Ставок: ${n} (открыто ${open}) · рассчитано ${settled} · выиграно ${won}`,
    figures: (f) =>
      joinHtml([
        tgHtml`Поставлено ${f.staked} ед. · результат <b>${f.profit} ед.</b> · ROI ${f.roi} · `,
        tgHtml`попадания ${f.hitRate} · CLV ${f.clv}`,
      ]),
    empty: tgHtml`Пока пусто: нажмите «В портфель» под алертом (/alerts).`,
    recent: tgHtml`<b>Последние</b>`,
    pickLine: (p) => tgHtml`${p.match} · ${p.side} @ ${p.price} · ${p.stake} ед. · ${p.result}`,
    open: 'ждёт результата',
    won: (x) => `выигрыш ${x} ед.`,
    lost: (x) => `проигрыш ${x} ед.`,
    clv: (c) => `CLV ${c}`,
    sides: sidesRu,
    chartButton: 'График',
    csvButton: 'CSV',
    kellyButton: '¼ Келли',
    flatButton: 'Фикс. 1 ед.',
    stakingSet: 'Ставка изменена (для новых позиций)',
    nothingSettled: 'Нет рассчитанных ставок',
    chartTitle: 'Scoreline paper portfolio: cumulative profit',
    csvCaption: 'Портфель в CSV',
    tracked: (m, side, price, stake) => `В портфеле: ${m}, ${side} @ ${price}, ${stake} ед.`,
    alreadyTracked: 'Уже в портфеле',
    unknownAlert: 'Алерт не найден',
    usage: tgHtml`<code>/portfolio</code>, <code>/portfolio kelly</code>, <code>/portfolio flat</code>, <code>/portfolio chart</code>, <code>/portfolio csv</code>.`,
  },
  {
    header: (staking) =>
      tgHtml`<b>Paper portfolio</b> · staking: ${staking === 'kelly' ? '¼ Kelly (at most 5 of 100 units)' : 'flat 1 unit'}`,
    counts: (n, open, settled, won) =>
      tgHtml`Picks: ${n} (${open} open) · settled ${settled} · won ${won}`,
    figures: (f) =>
      joinHtml([
        tgHtml`Staked ${f.staked} u · P/L <b>${f.profit} u</b> · ROI ${f.roi} · `,
        tgHtml`hit rate ${f.hitRate} · CLV ${f.clv}`,
      ]),
    empty: tgHtml`Nothing yet: press “Track it” under an alert (/alerts).`,
    recent: tgHtml`<b>Recent</b>`,
    pickLine: (p) => tgHtml`${p.match} · ${p.side} @ ${p.price} · ${p.stake} u · ${p.result}`,
    open: 'open',
    won: (x) => `won ${x} u`,
    lost: (x) => `lost ${x} u`,
    clv: (c) => `CLV ${c}`,
    sides: sidesEn,
    chartButton: 'Chart',
    csvButton: 'CSV',
    kellyButton: '¼ Kelly',
    flatButton: 'Flat 1 unit',
    stakingSet: 'Staking changed (for new picks)',
    nothingSettled: 'No settled picks yet',
    chartTitle: 'Scoreline paper portfolio: cumulative profit',
    csvCaption: 'Portfolio as CSV',
    tracked: (m, side, price, stake) => `Tracked: ${m}, ${side} @ ${price}, ${stake} u`,
    alreadyTracked: 'Already tracked',
    unknownAlert: 'Alert not found',
    usage: tgHtml`<code>/portfolio</code>, <code>/portfolio kelly</code>, <code>/portfolio flat</code>, <code>/portfolio chart</code>, <code>/portfolio csv</code>.`,
  },
);
