// Inline-button payloads. Telegram caps callback_data at 64 bytes and hands back whatever the
// client sends, so every payload is short, ASCII, and parsed strictly: anything that does not
// decode (forged, or from an older version of the bot) is `null`, answered politely.

/** Telegram's limit on `callback_data`, in UTF-8 bytes. */
export const CALLBACK_DATA_LIMIT = 64;

export type CallbackAction =
  /** Open the card of fixture `id`. */
  | { kind: 'match'; fixtureId: number }
  /** A page of the fixture list for `date` (YYYY-MM-DD) in `league` (null: all leagues). */
  | { kind: 'fixtures'; league: string | null; date: string; page: number }
  /** Option `index` of a stored choice (e.g. a suggested team name). */
  | { kind: 'choice'; stashId: string; index: number }
  /** /explain: the factors behind fixture `id`'s forecast. */
  | { kind: 'explain'; fixtureId: number }
  /** /settings: switch the chat's language. */
  | { kind: 'setLanguage'; locale: 'ru' | 'en' }
  /** /settings: set the chat's time zone (an IANA name, checked again when applied). */
  | { kind: 'setTimeZone'; zone: string };

const LEAGUE = /^[A-Z0-9]{1,6}$/;
const STASH_ID = /^[a-z0-9]{6,12}$/;
const MAX_ID = 2_147_483_647;
const ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

export function encodeCallback(action: CallbackAction): string {
  let data: string;
  switch (action.kind) {
    case 'match':
      data = `m:${action.fixtureId}`;
      break;
    case 'fixtures':
      data = `f:${action.league ?? '*'}:${action.date.replace(/-/g, '')}:${action.page}`;
      break;
    case 'choice':
      data = `c:${action.stashId}:${action.index}`;
      break;
    case 'explain':
      data = `xp:${action.fixtureId}`;
      break;
    case 'setLanguage':
      data = `sl:${action.locale}`;
      break;
    case 'setTimeZone':
      data = `sz:${action.zone}`;
      break;
  }
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) {
    throw new RangeError(`callback data over ${CALLBACK_DATA_LIMIT} bytes: ${data}`);
  }
  return data;
}

export function decodeCallback(data: unknown): CallbackAction | null {
  if (typeof data !== 'string' || Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) {
    return null;
  }
  const [kind, ...rest] = data.split(':');
  if (kind === 'm' && rest.length === 1) {
    const fixtureId = boundedInt(rest[0]!, 1, MAX_ID);
    return fixtureId === null ? null : { kind: 'match', fixtureId };
  }
  if (kind === 'f' && rest.length === 3) {
    const [league, compact, pageText] = rest as [string, string, string];
    const date = compactDate(compact);
    const page = boundedInt(pageText, 0, 999);
    if (!date || page === null || (league !== '*' && !LEAGUE.test(league))) return null;
    return { kind: 'fixtures', league: league === '*' ? null : league, date, page };
  }
  if (kind === 'c' && rest.length === 2) {
    const index = boundedInt(rest[1]!, 0, 99);
    if (!STASH_ID.test(rest[0]!) || index === null) return null;
    return { kind: 'choice', stashId: rest[0]!, index };
  }
  if (kind === 'xp' && rest.length === 1) {
    const fixtureId = boundedInt(rest[0]!, 1, MAX_ID);
    return fixtureId === null ? null : { kind: 'explain', fixtureId };
  }
  if (kind === 'sl' && rest.length === 1 && (rest[0] === 'ru' || rest[0] === 'en')) {
    return { kind: 'setLanguage', locale: rest[0] };
  }
  if (kind === 'sz' && rest.length === 1 && ZONE.test(rest[0]!)) {
    return { kind: 'setTimeZone', zone: rest[0]! };
  }
  return null;
}

function boundedInt(text: string, min: number, max: number): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

function compactDate(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}
