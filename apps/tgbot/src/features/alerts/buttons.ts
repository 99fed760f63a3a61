// The buttons of /alerts (switch on/off, a market, step the edge or the daily maximum) and the
// "mute this league" button under each alert (its payload shape is shared with the worker).
import { ALERT_MUTE_PREFIX } from '@scoreline/queue';
import { boundedInt, defineCallback, MAX_ID } from '../../callbacks/codec';

export const ALERT_SWITCHES = ['on', 'off', '1x2', 'ou25', 'btts', 'edge', 'max'] as const;
export type AlertSwitch = (typeof ALERT_SWITCHES)[number];

export const alertSettingButton = defineCallback<{ kind: 'alertSetting'; change: AlertSwitch }>({
  prefix: 'al',
  kind: 'alertSetting',
  fields: (a) => [a.change],
  parse: (fields) =>
    fields.length === 1 && (ALERT_SWITCHES as readonly string[]).includes(fields[0]!)
      ? { kind: 'alertSetting', change: fields[0] as AlertSwitch }
      : null,
});

export const muteButton = defineCallback<{ kind: 'alertMute'; alertId: number }>({
  prefix: ALERT_MUTE_PREFIX,
  kind: 'alertMute',
  fields: (a) => [a.alertId],
  parse(fields) {
    const alertId = fields.length === 1 ? boundedInt(fields[0], 1, MAX_ID) : null;
    return alertId === null ? null : { kind: 'alertMute', alertId };
  },
});
