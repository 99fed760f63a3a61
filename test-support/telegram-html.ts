// What Telegram accepts in HTML parse mode (Bot API, "HTML style"), checked the way Telegram's
// parser refuses a text with 400 "can't parse entities": only the supported tags, with their
// attributes; tags balanced and properly nested; `<`, `>` and `&` escaped outside tags; entities
// only the four named ones and numeric ones. Tests run every text the bot sends through it.

const PLAIN_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del']);
const OTHER_TAGS = new Set(['span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote']);
const ENTITY = /^&(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/;
const TAG =
  /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>]+))?)*)\s*>/;
const ATTRIBUTE = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+)))?/g;

/** Why Telegram would refuse `text` in HTML mode; empty when it would accept it. */
export function telegramHtmlProblems(text: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '&') {
      if (!ENTITY.test(text.slice(i, i + 12))) {
        problems.push(`unescaped "&" at ${i}: ${excerpt(text, i)}`);
      }
      i += 1;
      continue;
    }
    if (c === '>') {
      problems.push(`unescaped ">" at ${i}: ${excerpt(text, i)}`);
      i += 1;
      continue;
    }
    if (c !== '<') {
      i += 1;
      continue;
    }
    const tag = TAG.exec(text.slice(i));
    if (!tag) {
      problems.push(`unescaped "<" at ${i}: ${excerpt(text, i)}`);
      i += 1;
      continue;
    }
    const [whole, closing, rawName, rawAttributes] = tag;
    const name = rawName!.toLowerCase();
    i += whole.length;
    if (!PLAIN_TAGS.has(name) && !OTHER_TAGS.has(name)) {
      problems.push(`unsupported tag <${name}>`);
      continue;
    }
    if (closing) {
      if (rawAttributes!.trim() !== '') problems.push(`closing tag </${name}> has attributes`);
      const top = open.pop();
      if (top !== name) {
        problems.push(`</${name}> closes ${top ? `<${top}>` : 'nothing'}`);
        if (top) open.push(top);
      }
      continue;
    }
    const attributeProblem = checkAttributes(name, rawAttributes!);
    if (attributeProblem) problems.push(attributeProblem);
    const inside = open[open.length - 1];
    if (inside === 'code' || (inside === 'pre' && name !== 'code')) {
      problems.push(`<${name}> inside <${inside}>`);
    }
    open.push(name);
  }
  for (const name of open.reverse()) problems.push(`<${name}> is never closed`);
  return problems;
}

/** Throws with every problem when Telegram would refuse `text`. */
export function assertTelegramHtml(text: string, where = 'text'): void {
  const problems = telegramHtmlProblems(text);
  if (problems.length > 0) {
    throw new Error(`${where} is not valid Telegram HTML:\n- ${problems.join('\n- ')}\n${text}`);
  }
}

function checkAttributes(name: string, raw: string): string | null {
  const attributes = new Map<string, string>();
  for (const m of raw.matchAll(ATTRIBUTE)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (
      /[<>]/.test(value) ||
      (value.includes('&') && !/^(?:[^&]|&(?:lt|gt|amp|quot|#\d+);)*$/.test(value))
    ) {
      return `<${name}> attribute ${m[1]} is not escaped`;
    }
    attributes.set(m[1]!.toLowerCase(), value);
  }
  const allowed: Record<string, string[]> = {
    span: ['class'],
    a: ['href'],
    'tg-emoji': ['emoji-id'],
    code: ['class'],
    blockquote: ['expandable'],
  };
  for (const key of attributes.keys()) {
    if (!(allowed[name] ?? []).includes(key))
      return `<${name}> has an unsupported attribute ${key}`;
  }
  if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
    return '<span> without class="tg-spoiler"';
  }
  if (name === 'a' && !attributes.get('href')) return '<a> without href';
  if (name === 'tg-emoji' && !/^\d+$/.test(attributes.get('emoji-id') ?? '')) {
    return '<tg-emoji> without a numeric emoji-id';
  }
  if (name === 'code' && attributes.has('class') && !/^language-/.test(attributes.get('class')!)) {
    return '<code> class is not language-…';
  }
  return null;
}

function excerpt(text: string, at: number): string {
  return JSON.stringify(text.slice(Math.max(0, at - 20), at + 20));
}

/** The Bot API calls that carry HTML text: message texts, edits and inline results. */
export function htmlTextsOfCall(call: { method: string; body: Record<string, unknown> }): string[] {
  const { method, body } = call;
  if ((method === 'sendMessage' || method === 'editMessageText') && body.parse_mode === 'HTML') {
    return typeof body.text === 'string' ? [body.text] : [];
  }
  if (method === 'answerInlineQuery') {
    const results: unknown =
      typeof body.results === 'string' ? JSON.parse(body.results) : body.results;
    if (!Array.isArray(results)) return [];
    return results.flatMap((r: { input_message_content?: Record<string, unknown> }) => {
      const content = r.input_message_content;
      return content?.parse_mode === 'HTML' && typeof content.message_text === 'string'
        ? [content.message_text]
        : [];
    });
  }
  return [];
}
