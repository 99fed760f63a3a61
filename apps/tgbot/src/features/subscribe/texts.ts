// What /subscribe and /unsubscribe say, in Russian and English. Inputs arrive as typed (tgHtml
// escapes them).
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import type { Locale } from '../../i18n/messages';

export interface SubscribeTexts {
  subscribed(time: string, scope: string, zone: string): Html;
  listHeader(zone: string): Html;
  line(time: string, scope: string): Html;
  none: Html;
  allLeagues: string;
  badTime(input: string): Html;
  usage: Html;
  unsubscribeUsage: Html;
  unsubscribedAll(n: number): Html;
  unsubscribed(scope: string): Html;
  notSubscribed(scope: string): Html;
  howToChangeZone: Html;
}

export const SUBSCRIBE_TEXTS: Record<Locale, SubscribeTexts> = {
  ru: {
    subscribed: (time, scope, zone) =>
      tgHtml`Готово: сводка «${scope}» каждый день в <b>${time}</b> (${zone}).`,
    listHeader: (zone) => tgHtml`<b>Ваши сводки</b> (время — ${zone}):`,
    line: (time, scope) => tgHtml`• <b>${time}</b> — ${scope}`,
    none: tgHtml`Подписок на сводки нет. <code>/subscribe 09:00 E0</code> — подписаться.`,
    allLeagues: 'все лиги',
    badTime: (input) =>
      joinHtml([
        tgHtml`Не понимаю время «${input}». Формат ЧЧ:ММ, от 00:00 до 23:59, например `,
        tgHtml`<code>/subscribe 08:30 E0</code>. Подписки не изменены.`,
      ]),
    usage: joinHtml([
      tgHtml`Сводка прогнозов на ближайшие 24 часа, каждый день: <code>/subscribe `,
      tgHtml`[ЧЧ:ММ] [лига]</code>, например <code>/subscribe 09:00 E0</code>. `,
      tgHtml`Без времени — 09:00, без лиги — все лиги.`,
    ]),
    unsubscribeUsage: joinHtml([
      tgHtml`<code>/unsubscribe</code> или <code>/unsubscribe all</code> — отписаться `,
      tgHtml`от всего, <code>/unsubscribe E0</code> — от одной лиги.`,
    ]),
    unsubscribedAll: (n) =>
      n > 0 ? tgHtml`Отписал от всех сводок (${n}).` : tgHtml`Подписок на сводки и так не было.`,
    unsubscribed: (scope) => tgHtml`Сводка «${scope}» отключена.`,
    notSubscribed: (scope) => tgHtml`Подписки «${scope}» нет.`,
    howToChangeZone: tgHtml`Сменить часовой пояс: <code>/settings tz Europe/Berlin</code>.`,
  },
  en: {
    subscribed: (time, scope, zone) =>
      tgHtml`Done: the “${scope}” digest every day at <b>${time}</b> (${zone}).`,
    listHeader: (zone) => tgHtml`<b>Your digests</b> (times in ${zone}):`,
    line: (time, scope) => tgHtml`• <b>${time}</b> — ${scope}`,
    none: tgHtml`No digest subscriptions. <code>/subscribe 09:00 E0</code> subscribes.`,
    allLeagues: 'all leagues',
    badTime: (input) =>
      joinHtml([
        tgHtml`I can’t read the time “${input}”. Use HH:MM from 00:00 to 23:59, `,
        tgHtml`e.g. <code>/subscribe 08:30 E0</code>. Your subscriptions are unchanged.`,
      ]),
    usage: joinHtml([
      tgHtml`A daily digest of predictions for the next 24 hours: <code>/subscribe `,
      tgHtml`[HH:MM] [league]</code>, e.g. <code>/subscribe 09:00 E0</code>. `,
      tgHtml`No time: 09:00; no league: all leagues.`,
    ]),
    unsubscribeUsage: joinHtml([
      tgHtml`<code>/unsubscribe</code> or <code>/unsubscribe all</code> stops `,
      tgHtml`every digest, <code>/unsubscribe E0</code> one league’s.`,
    ]),
    unsubscribedAll: (n) =>
      n > 0
        ? tgHtml`Unsubscribed from every digest (${n}).`
        : tgHtml`There were no digest subscriptions.`,
    unsubscribed: (scope) => tgHtml`The “${scope}” digest is off.`,
    notSubscribed: (scope) => tgHtml`There is no “${scope}” subscription.`,
    howToChangeZone: tgHtml`Change the time zone: <code>/settings tz Europe/Berlin</code>.`,
  },
};
