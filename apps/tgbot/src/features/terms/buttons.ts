// The terms' "I accept" button; it names the command that asked, to be sent again.
import { defineCallback } from '../../callbacks/codec';

export const GATED_COMMANDS = ['value', 'alerts', 'portfolio', 'terms'] as const;
export type GatedCommand = (typeof GATED_COMMANDS)[number];

export const acceptButton = defineCallback<{ kind: 'acceptTerms'; command: GatedCommand }>({
  prefix: 'ta',
  kind: 'acceptTerms',
  fields: (a) => [a.command],
  parse: (fields) =>
    fields.length === 1 && (GATED_COMMANDS as readonly string[]).includes(fields[0]!)
      ? { kind: 'acceptTerms', command: fields[0] as GatedCommand }
      : null,
});
