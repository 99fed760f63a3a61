// What /subscribe and /unsubscribe say, in Russian and English. Inputs reach these escaped.
import type { Locale } from '../i18n/messages';

export interface SubscribeTexts {
  subscribed(time: string, scope: string, zone: string): string;
  listHeader(zone: string): string;
  line(time: string, scope: string): string;
  none: string;
  allLeagues: string;
  badTime(input: string): string;
  usage: string;
  unsubscribeUsage: string;
  unsubscribedAll(n: number): string;
  unsubscribed(scope: string): string;
  notSubscribed(scope: string): string;
  howToChangeZone: string;
}

export const SUBSCRIBE_TEXTS: Record<Locale, SubscribeTexts> = {
  ru: {
    subscribed: (time, scope, zone) =>
      `Готово: сводка «${scope}» каждый день в <b>${time}</b> (${zone}).`,
    listHeader: (zone) => `<b>Ваши сводки</b> (время — ${zone}):`,
    line: (time, scope) => `• <b>${time}</b> — ${scope}`,
    none: 'Подписок на сводки нет. <code>/subscribe 09:00 E0</code> — подписаться.',
    allLeagues: 'все лиги',
    badTime: (input) =>
      `Не понимаю время «${input}». Формат ЧЧ:ММ, от 00:00 до 23:59, например ` +
      '<code>/subscribe 08:30 E0</code>. Подписки не изменены.',
    usage:
      'Сводка прогнозов на ближайшие 24 часа, каждый день: ' +
      '<code>/subscribe [ЧЧ:ММ] [лига]</code>, например <code>/subscribe 09:00 E0</code>. ' +
      'Без времени — 09:00, без лиги — все лиги.',
    unsubscribeUsage:
      '<code>/unsubscribe</code> или <code>/unsubscribe all</code> — отписаться от всего, ' +
      '<code>/unsubscribe E0</code> — от одной лиги.',
    unsubscribedAll: (n) =>
      n > 0 ? `Отписал от всех сводок (${n}).` : 'Подписок на сводки и так не было.',
    unsubscribed: (scope) => `Сводка «${scope}» отключена.`,
    notSubscribed: (scope) => `Подписки «${scope}» нет.`,
    howToChangeZone: 'Сменить часовой пояс: <code>/settings tz Europe/Berlin</code>.',
  },
  en: {
    subscribed: (time, scope, zone) =>
      `Done: the “${scope}” digest every day at <b>${time}</b> (${zone}).`,
    listHeader: (zone) => `<b>Your digests</b> (times in ${zone}):`,
    line: (time, scope) => `• <b>${time}</b> — ${scope}`,
    none: 'No digest subscriptions. <code>/subscribe 09:00 E0</code> subscribes.',
    allLeagues: 'all leagues',
    badTime: (input) =>
      `I can’t read the time “${input}”. Use HH:MM from 00:00 to 23:59, e.g. ` +
      '<code>/subscribe 08:30 E0</code>. Your subscriptions are unchanged.',
    usage:
      'A daily digest of predictions for the next 24 hours: ' +
      '<code>/subscribe [HH:MM] [league]</code>, e.g. <code>/subscribe 09:00 E0</code>. ' +
      'No time: 09:00; no league: all leagues.',
    unsubscribeUsage:
      '<code>/unsubscribe</code> or <code>/unsubscribe all</code> stops every digest, ' +
      '<code>/unsubscribe E0</code> one league’s.',
    unsubscribedAll: (n) =>
      n > 0 ? `Unsubscribed from every digest (${n}).` : 'There were no digest subscriptions.',
    unsubscribed: (scope) => `The “${scope}” digest is off.`,
    notSubscribed: (scope) => `There is no “${scope}” subscription.`,
    howToChangeZone: 'Change the time zone: <code>/settings tz Europe/Berlin</code>.',
  },
};
