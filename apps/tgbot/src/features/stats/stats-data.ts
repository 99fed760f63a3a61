// What /stats and /export share: sending a file within Telegram's limits (caption ≤ 1,024,
// ASCII file names). The predictions themselves come from services/track-record.ts.
import type { Context } from 'telegraf';
import { Input } from 'telegraf';
import { TELEGRAM_CAPTION_LIMIT } from '../../format/split-message';

/** A caption cut to Telegram's limit. */
export function caption(text: string): string {
  return text.length <= TELEGRAM_CAPTION_LIMIT
    ? text
    : `${text.slice(0, TELEGRAM_CAPTION_LIMIT - 1)}…`;
}

/** An ASCII file name: anything outside [A-Za-z0-9._-] becomes `_`. */
export function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

export async function sendPng(
  ctx: Context,
  png: Buffer,
  fileName: string,
  text: string,
): Promise<void> {
  await ctx.replyWithPhoto(Input.fromBuffer(png, asciiFileName(fileName)), {
    caption: caption(text),
  });
}

export async function sendFile(
  ctx: Context,
  bytes: Buffer,
  fileName: string,
  text: string,
): Promise<void> {
  await ctx.replyWithDocument(Input.fromBuffer(bytes, asciiFileName(fileName)), {
    caption: caption(text),
  });
}
