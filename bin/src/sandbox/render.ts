// How a bot message looks in a terminal: Telegram HTML flattened to text (bold and italic as
// ANSI styles when the terminal shows them), entities decoded, inline buttons numbered so a bare
// number can press one.
import type { BotFile, BotMessage, InlineKeyboardButton } from '@scoreline/bot-api-emulator';

const ANSI = {
  bold: ['\u001b[1m', '\u001b[22m'],
  italic: ['\u001b[3m', '\u001b[23m'],
  dim: ['\u001b[2m', '\u001b[22m'],
} as const;

/** The styles each Telegram HTML tag maps to; other tags are dropped with their text kept. */
const TAG_STYLE: Record<string, keyof typeof ANSI> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
};

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the entities Telegram's HTML mode accepts: named ones and &#NN; / &#xHH;. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Telegram HTML → terminal text. Tags are removed before entities are decoded, so an escaped
 * `&lt;b&gt;` in a team name stays literal text and never turns into a style.
 */
export function htmlToText(html: string, color: boolean): string {
  const styled = html.replace(
    /<(\/?)([a-z][a-z0-9-]*)\b[^>]*>/gi,
    (_tag, closing: string, name) => {
      const style = TAG_STYLE[String(name).toLowerCase()];
      if (!color || !style) return '';
      return ANSI[style][closing ? 1 : 0];
    },
  );
  return decodeEntities(styled);
}

/** A message's buttons in reading order; their 1-based position is the number to type. */
export function inlineButtons(message: BotMessage): InlineKeyboardButton[] {
  return message.reply_markup?.inline_keyboard?.flat() ?? [];
}

/**
 * One message as printed: a header (`bot:` or `bot (edited):`), the text indented, then the
 * buttons, one keyboard row per line, as `[1] Arsenal – Chelsea`.
 */
export function renderMessage(
  message: BotMessage,
  opts: { color: boolean; edited: boolean },
): string {
  const header = opts.edited ? 'bot (edited):' : 'bot:';
  const lines = [opts.color ? `${ANSI.dim[0]}${header}${ANSI.dim[1]}` : header];
  const body = message.parse_mode === 'HTML' ? htmlToText(message.text, opts.color) : message.text;
  for (const line of body.split('\n')) lines.push(line === '' ? '' : `  ${line}`);
  let n = 0;
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    lines.push(`  ${row.map((button) => `[${++n}] ${button.text}`).join('   ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A photo or document the bot sent: what it is, its size and where the sandbox saved it (a
 * terminal cannot show a chart), then its caption like a message's text.
 */
export function renderFile(
  file: BotFile,
  savedAs: string | undefined,
  opts: { color: boolean },
): string {
  const header = opts.color ? `${ANSI.dim[0]}bot:${ANSI.dim[1]}` : 'bot:';
  const what = file.kind === 'photo' ? 'photo' : 'document';
  const where = savedAs
    ? `, saved as ${savedAs}`
    : file.data.length === 0
      ? ' (sent by reference, nothing to save)'
      : '';
  const lines = [header, `  [${what}: ${file.filename}, ${sizeText(file.data.length)}${where}]`];
  const caption =
    file.parse_mode === 'HTML' ? htmlToText(file.caption ?? '', opts.color) : (file.caption ?? '');
  for (const line of caption.split('\n')) if (line !== '') lines.push(`  ${line}`);
  return `${lines.join('\n')}\n`;
}

const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;

/** A line the sandbox itself prints (not the bot), dimmed on a terminal. */
export function note(text: string, color: boolean): string {
  return color ? `${ANSI.dim[0]}${text}${ANSI.dim[1]}\n` : `${text}\n`;
}
