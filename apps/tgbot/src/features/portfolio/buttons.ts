// The buttons of /portfolio (chart, CSV, staking) and the "track it" button under each alert
// (its payload shape is shared with the worker).
import { ALERT_TRACK_PREFIX } from '@scoreline/queue';
import { boundedInt, defineCallback, MAX_ID } from '../../callbacks/codec';

export const PORTFOLIO_ACTIONS = ['chart', 'csv', 'kelly', 'flat'] as const;
export type PortfolioAction = (typeof PORTFOLIO_ACTIONS)[number];

export const portfolioButton = defineCallback<{ kind: 'portfolio'; action: PortfolioAction }>({
  prefix: 'pf',
  kind: 'portfolio',
  fields: (a) => [a.action],
  parse: (fields) =>
    fields.length === 1 && (PORTFOLIO_ACTIONS as readonly string[]).includes(fields[0]!)
      ? { kind: 'portfolio', action: fields[0] as PortfolioAction }
      : null,
});

export const trackButton = defineCallback<{ kind: 'alertTrack'; alertId: number }>({
  prefix: ALERT_TRACK_PREFIX,
  kind: 'alertTrack',
  fields: (a) => [a.alertId],
  parse(fields) {
    const alertId = fields.length === 1 ? boundedInt(fields[0], 1, MAX_ID) : null;
    return alertId === null ? null : { kind: 'alertTrack', alertId };
  },
});
