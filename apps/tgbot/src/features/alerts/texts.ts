// What /alerts says, in Russian and English.
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import { defineTexts } from '../../i18n/texts';

export interface AlertsView {
  enabled: boolean;
  minEdge: string;
  leagues: string | null;
  muted: string | null;
  markets: string;
  maxPerDay: number;
  quiet: string | null;
  zone: string;
}

export interface AlertsTexts {
  settings(v: AlertsView): Html;
  usage: Html;
  saved: string;
  turnOn: string;
  turnOff: string;
  edgeButton(edge: string): string;
  maxButton(n: number): string;
  marketNames: { '1x2': string; ou25: string; btts: string };
  muted(league: string): string;
  badValue(input: string): Html;
  unknownLeagues(codes: string): Html;
}

export const ALERTS_TEXTS = defineTexts<AlertsTexts>(
  {
    settings: (v) =>
      joinHtml(
        [
          tgHtml`<b>Алерты о перевесе</b>: ${v.enabled ? 'включены' : 'выключены'}`,
          tgHtml`Минимальный перевес: ${v.minEdge} п.п. (модель − рынок без маржи)`,
          tgHtml`Лиги: ${v.leagues ?? 'все (где модель не уступает рынку)'}${v.muted ? tgHtml` · без: ${v.muted}` : ''}`,
          tgHtml`Рынки: ${v.markets}`,
          tgHtml`Не больше ${v.maxPerDay} в день`,
          tgHtml`Тихие часы: ${v.quiet ?? 'нет'} (${v.zone}) — алерт в тихие часы не отправляется; если перевес сохранится, он придёт после них`,
          '',
          tgHtml`<code>/alerts edge 7</code> · <code>/alerts max 3</code> · <code>/alerts quiet 23:00-08:00</code> · <code>/alerts quiet off</code> · <code>/alerts leagues E0 SP1</code> · <code>/alerts leagues all</code> · <code>/alerts markets 1x2 ou25 btts</code>`,
        ],
        '\n',
      ),
    usage: tgHtml`Примеры: <code>/alerts on</code>, <code>/alerts edge 7</code>, <code>/alerts max 3</code>, <code>/alerts quiet 23:00-08:00</code>, <code>/alerts leagues E0</code>, <code>/alerts markets 1x2 btts</code>.`,
    saved: 'Сохранено',
    turnOn: 'Включить',
    turnOff: 'Выключить',
    edgeButton: (e) => `Перевес ≥ ${e} п.п.`,
    maxButton: (n) => `${n} в день`,
    marketNames: { '1x2': '1X2', ou25: 'Тотал 2,5', btts: 'Обе забьют' },
    muted: (league) => `Алерты по ${league} выключены`,
    badValue: (input) => tgHtml`Не понял «${input}».`,
    unknownLeagues: (codes) => tgHtml`Неизвестные лиги: ${codes}.`,
  },
  {
    settings: (v) =>
      joinHtml(
        [
          tgHtml`<b>Value alerts</b>: ${v.enabled ? 'on' : 'off'}`,
          tgHtml`Minimum edge: ${v.minEdge} p.p. (model − market without margin)`,
          tgHtml`Leagues: ${v.leagues ?? 'all (where the model does not trail the market)'}${v.muted ? tgHtml` · muted: ${v.muted}` : ''}`,
          tgHtml`Markets: ${v.markets}`,
          tgHtml`At most ${v.maxPerDay} a day`,
          tgHtml`Quiet hours: ${v.quiet ?? 'none'} (${v.zone}) — an alert due in quiet hours is not sent; if the edge holds it comes after them`,
          '',
          tgHtml`<code>/alerts edge 7</code> · <code>/alerts max 3</code> · <code>/alerts quiet 23:00-08:00</code> · <code>/alerts quiet off</code> · <code>/alerts leagues E0 SP1</code> · <code>/alerts leagues all</code> · <code>/alerts markets 1x2 ou25 btts</code>`,
        ],
        '\n',
      ),
    usage: tgHtml`Examples: <code>/alerts on</code>, <code>/alerts edge 7</code>, <code>/alerts max 3</code>, <code>/alerts quiet 23:00-08:00</code>, <code>/alerts leagues E0</code>, <code>/alerts markets 1x2 btts</code>.`,
    saved: 'Saved',
    turnOn: 'Turn on',
    turnOff: 'Turn off',
    edgeButton: (e) => `Edge ≥ ${e} p.p.`,
    maxButton: (n) => `${n} a day`,
    marketNames: { '1x2': '1X2', ou25: 'Total 2.5', btts: 'BTTS' },
    muted: (league) => `Alerts for ${league} are off`,
    badValue: (input) => tgHtml`Could not read “${input}”.`,
    unknownLeagues: (codes) => tgHtml`Unknown leagues: ${codes}.`,
  },
);
