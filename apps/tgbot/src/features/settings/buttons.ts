// The buttons of /settings: the chat's language and its time zone.
import { defineCallback } from '../../callbacks/codec';

/** An IANA name, checked again when applied. */
const ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

export const languageButton = defineCallback<{ kind: 'setLanguage'; locale: 'ru' | 'en' }>({
  prefix: 'sl',
  kind: 'setLanguage',
  fields: (a) => [a.locale],
  parse: (fields) =>
    fields.length === 1 && (fields[0] === 'ru' || fields[0] === 'en')
      ? { kind: 'setLanguage', locale: fields[0] }
      : null,
});

export const timeZoneButton = defineCallback<{ kind: 'setTimeZone'; zone: string }>({
  prefix: 'sz',
  kind: 'setTimeZone',
  fields: (a) => [a.zone],
  parse: (fields) =>
    fields.length === 1 && ZONE.test(fields[0]!) ? { kind: 'setTimeZone', zone: fields[0]! } : null,
});
