// Inline-button payloads. Telegram caps callback_data at 64 bytes and hands back whatever the
// client sends, so every payload is short, ASCII, and parsed strictly: anything that does not
// decode (forged, or from an older version of the bot) is `null`, answered politely.
//
// A payload is `<prefix>:<field>:…`. Each feature defines the payloads of its own buttons here
// with `defineCallback` (its prefix, how the fields encode and parse), and the callback router
// dispatches a press by its prefix to the feature that owns it.

/** Telegram's limit on `callback_data`, in UTF-8 bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** What a button asks for, as a feature's handler receives it. */
export interface CallbackActionBase {
  kind: string;
}

/** One kind of button payload, owned by one feature. */
export interface CallbackCodec<A extends CallbackActionBase = CallbackActionBase> {
  readonly prefix: string;
  readonly kind: A['kind'];
  encode(action: A): string;
  /** The action for the fields after the prefix, or null when they do not decode. */
  decode(fields: readonly string[]): A | null;
}

const PREFIX = /^[a-z]{1,4}$/;

export function defineCallback<A extends CallbackActionBase>(spec: {
  prefix: string;
  kind: A['kind'];
  fields(action: A): ReadonlyArray<string | number>;
  parse(fields: readonly string[]): A | null;
}): CallbackCodec<A> {
  // The prefix is also what the error log shows of a press (bot.ts handlerOf): short letters.
  if (!PREFIX.test(spec.prefix))
    throw new Error(`callback prefix must be 1-4 letters: ${spec.prefix}`);
  return {
    prefix: spec.prefix,
    kind: spec.kind,
    encode(action) {
      const data = [spec.prefix, ...spec.fields(action)].join(':');
      if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) {
        throw new RangeError(`callback data over ${CALLBACK_DATA_LIMIT} bytes: ${data}`);
      }
      return data;
    },
    decode: (fields) => spec.parse(fields),
  };
}

/** The codec a payload's prefix names, and its fields; null for anything out of bounds. */
export function splitCallback(data: unknown): { prefix: string; fields: string[] } | null {
  if (typeof data !== 'string' || Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) {
    return null;
  }
  const [prefix, ...fields] = data.split(':');
  return prefix === undefined ? null : { prefix, fields };
}

/**
 * Every feature's codecs as one: encode by kind, decode by prefix. Two codecs with one prefix
 * (or kind) are a programming error, refused when the bot is built.
 */
export function combineCallbacks(codecs: readonly CallbackCodec[]): {
  encode(action: CallbackActionBase): string;
  decode(data: unknown): CallbackActionBase | null;
  byPrefix(prefix: string): CallbackCodec | undefined;
} {
  const byPrefix = new Map<string, CallbackCodec>();
  const byKind = new Map<string, CallbackCodec>();
  for (const codec of codecs) {
    if (byPrefix.has(codec.prefix) || byKind.has(codec.kind)) {
      throw new Error(`callback prefix ${codec.prefix} (${codec.kind}) is registered twice`);
    }
    byPrefix.set(codec.prefix, codec);
    byKind.set(codec.kind, codec);
  }
  return {
    encode(action) {
      const codec = byKind.get(action.kind);
      if (!codec) throw new Error(`no callback codec for ${action.kind}`);
      return codec.encode(action);
    },
    decode(data) {
      const split = splitCallback(data);
      return split ? (byPrefix.get(split.prefix)?.decode(split.fields) ?? null) : null;
    },
    byPrefix: (prefix) => byPrefix.get(prefix),
  };
}

/** A whole number within [min, max] written in at most 10 digits, else null. */
export function boundedInt(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** YYYYMMDD as YYYY-MM-DD when it is a real date, else null. */
export function compactDate(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** The largest id Telegram-facing payloads carry (Postgres integer). */
export const MAX_ID = 2_147_483_647;
