// /alerts: value alerts pushed by the worker after each sync, and their settings.
import { tgHtml } from '@scoreline/queue';
import { Composer, type Context } from 'telegraf';
import { callbackRoute, defineFeature } from '../../context/feature';
import { applyAlertButton, applyMuteButton, registerAlerts } from './alerts';
import { alertSettingButton, muteButton } from './buttons';
import { ALERTS_TEXTS } from './texts';

export const alerts = defineFeature({
  name: 'alerts',
  texts: ALERTS_TEXTS,
  listing: [
    {
      command: 'alerts',
      menu: { ru: 'Алерты о перевесе модели', en: 'Value alerts' },
      help: {
        ru: tgHtml`/alerts [on|off|edge N|max N|quiet ЧЧ:ММ-ЧЧ:ММ|leagues …|markets …] — алерты, когда модель выше рынка`,
        en: tgHtml`/alerts [on|off|edge N|max N|quiet HH:MM-HH:MM|leagues …|markets …] — alerts when the model beats the market`,
      },
    },
  ],
  composer(s) {
    const composer = new Composer<Context>();
    registerAlerts(composer, s);
    return composer;
  },
  callbacks: [
    callbackRoute(alertSettingButton, (ctx, s, action, messageId) =>
      applyAlertButton(ctx, s, action.change, messageId),
    ),
    callbackRoute(muteButton, (ctx, s, action) => applyMuteButton(ctx, s, action.alertId)),
  ],
});
