// Telegram's HTML parse mode needs only `<`, `>` and `&` escaped in text. Everything that comes
// from users or data (team names, league names, error details) goes through `escapeHtml`.

/** Escapes text for Telegram HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
