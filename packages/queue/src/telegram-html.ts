// Every text the bot sends in Telegram's HTML parse mode is an `Html` value built by the `tgHtml`
// tag (not `html`, which Prettier would reformat as an HTML document): the template's literal
// parts are markup we wrote, every interpolated string is escaped (`<`, `>`, `&`, and quotes,
// which matter inside attributes), and only `Html` values pass through as they are. A user's
// team name, a league name, "<1%" or an error detail cannot become markup, and
// replyHtml/editHtml take nothing but `Html`, so a text assembled by string concatenation does
// not compile.
//
//   tgHtml`<b>${home} — ${away}</b> ${pct(p)}`        // home, away and the percent escaped
//   joinHtml([header, ...lines], '\n')                 // lines already Html
//
// When Telegram still refuses a text ("can't parse entities"), `htmlToPlain` gives the words
// without the markup for a resend (the bot's telegram/call-policy.ts).
//
// It lives beside the outbox contract because both the bot (replies) and the worker (digests
// queued for the outbox) write Telegram HTML: one escape for every text that reaches Telegram.

const TEXT: unique symbol = Symbol('scoreline.html');

/** Text that is safe to send in HTML parse mode: markup we wrote around escaped values. */
export interface Html {
  /** Unforgeable outside this module: only `tgHtml`, `escapeHtml` and `joinHtml` make Html. */
  readonly [TEXT]: string;
  toString(): string;
}

class SafeHtml implements Html {
  readonly [TEXT]: string;
  constructor(text: string) {
    this[TEXT] = text;
  }
  toString(): string {
    return this[TEXT];
  }
}

const of = (text: string): Html => new SafeHtml(text);

/** True for values made by this module. */
export function isHtml(value: unknown): value is Html {
  return value instanceof SafeHtml;
}

/** What may be interpolated: strings and numbers are escaped, Html kept, nothing for null. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number') return escapeText(String(value));
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  // An Html from elsewhere cannot exist (the brand is module-private); render it as text.
  return escapeText(String(value));
}

/** The tag: literal parts are markup, interpolations are escaped unless they are Html. */
export function tgHtml(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return of(out);
}

/** Plain text as Html (escaped). */
export function escapeHtml(text: string): Html {
  return of(escapeText(text));
}

/** Joins parts with `separator`; null, undefined and false parts are left out. */
export function joinHtml(parts: readonly HtmlValue[], separator: Html | string = ''): Html {
  const kept = parts.filter((p) => p !== null && p !== undefined && p !== false);
  return of(kept.map(render).join(render(separator)));
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * The text of a Telegram HTML message without its markup: tags removed, then entities decoded
 * (in that order, so an escaped `&lt;b&gt;` stays visible text). What the user would have read.
 */
export function htmlToPlain(text: string): string {
  return text
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, name: string) => {
      if (name.startsWith('#x')) return safeCodePoint(parseInt(name.slice(2), 16), whole);
      if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), whole);
      return ENTITIES[name] ?? whole;
    });
}

function safeCodePoint(code: number, fallback: string): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
