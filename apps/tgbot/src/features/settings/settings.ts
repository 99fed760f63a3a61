// /settings: the chat's language (ru/en) and time zone (an IANA name), stored per chat. Buttons
// switch the language or pick a common zone; `/settings tz <zone>` sets any zone Intl knows.
// A change applies to the very answer that confirms it (ctx.state is updated in place), and a
// bad input changes nothing.
import type { Chat } from '@scoreline/db';
import { escapeHtml, type Html } from '@scoreline/queue';
import type { Composer, Context } from 'telegraf';
import {
  chatState,
  editHtml,
  replyHtml,
  t,
  textsFor,
  timeZoneOf,
  type BotServices,
  type ChatState,
  type Keyboard,
} from '../../context/bot-context';
import { formatKickoff } from '../../format/time';
import type { Locale } from '../../i18n/messages';
import { languageButton, timeZoneButton } from './buttons';
import { SETTINGS_TEXTS } from './texts';

/** Zones offered as buttons (any other one is typed: `/settings tz America/Sao_Paulo`). */
export const COMMON_ZONES = [
  'Europe/Moscow',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
  'America/New_York',
  'UTC',
] as const;

const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * The canonical IANA name of a zone as typed (any letter case), or null when Intl does not know
 * it. Offsets (`+03:00`) and anything not shaped like a zone name are refused.
 */
export function parseTimeZone(input: string): string | null {
  const text = input.trim();
  if (text.length === 0 || text.length > 60 || !ZONE_SHAPE.test(text)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** `ru`/`en` (or their long names) as a locale; null otherwise. */
export function parseLocale(input: string): Locale | null {
  const text = input.trim().toLowerCase();
  if (['ru', 'rus', 'russian', 'русский', 'рус'].includes(text)) return 'ru';
  if (['en', 'eng', 'english', 'английский', 'англ'].includes(text)) return 'en';
  return null;
}

const LANGUAGE_KEYS = ['lang', 'language', 'язык'];
const ZONE_KEYS = ['tz', 'timezone', 'zone', 'пояс'];

export type SettingsCommand =
  | { kind: 'show' }
  | { kind: 'language'; value: string }
  | { kind: 'zone'; value: string }
  | { kind: 'usage' };

/** What `/settings <args>` asks for (values are checked when applied). */
export function parseSettingsArgs(payload: string): SettingsCommand {
  const words = payload.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'show' };
  const [key, ...rest] = words as [string, ...string[]];
  const lower = key.toLowerCase();
  if (LANGUAGE_KEYS.includes(lower)) {
    return rest.length === 1 ? { kind: 'language', value: rest[0]! } : { kind: 'usage' };
  }
  if (ZONE_KEYS.includes(lower)) {
    return rest.length === 1 ? { kind: 'zone', value: rest[0]! } : { kind: 'usage' };
  }
  // One bare word: a language or a zone, whichever it looks like.
  if (rest.length === 0) {
    if (parseLocale(key)) return { kind: 'language', value: key };
    if (key.includes('/') || /^(UTC|GMT)$/i.test(key)) return { kind: 'zone', value: key };
  }
  return { kind: 'usage' };
}

export function registerSettings(bot: Composer<Context>, s: BotServices): void {
  bot.command('settings', async (ctx) => {
    const command = parseSettingsArgs(ctx.payload);
    const texts = textsFor(ctx, SETTINGS_TEXTS);
    switch (command.kind) {
      case 'show': {
        const view = settingsView(ctx, s);
        await replyHtml(ctx, view.text, view.keyboard);
        return;
      }
      case 'usage':
        await replyHtml(ctx, texts.usage);
        return;
      case 'language': {
        const locale = parseLocale(command.value);
        if (!locale) {
          await replyHtml(ctx, texts.badLanguage(command.value.slice(0, 40)));
          return;
        }
        await saveSettings(ctx, s, { language: locale });
        await replyHtml(ctx, escapeHtml(textsFor(ctx, SETTINGS_TEXTS).languageSet));
        return;
      }
      case 'zone': {
        const zone = parseTimeZone(command.value);
        if (!zone) {
          await replyHtml(ctx, texts.badZone(command.value.slice(0, 60)));
          return;
        }
        await saveSettings(ctx, s, { timezone: zone });
        await replyHtml(ctx, texts.zoneSet(zone, localNow(ctx, s)));
        return;
      }
    }
  });
}

/** The language button: saves, then redraws the settings message in the new language. */
export async function applyLanguageButton(
  ctx: Context,
  s: BotServices,
  locale: Locale,
  messageId: number | undefined,
): Promise<void> {
  await saveSettings(ctx, s, { language: locale });
  await ctx.answerCbQuery(textsFor(ctx, SETTINGS_TEXTS).languageSet);
  await redraw(ctx, s, messageId);
}

/** A zone button: saves a zone Intl knows (anything else reads as a stale button). */
export async function applyTimeZoneButton(
  ctx: Context,
  s: BotServices,
  zoneInput: string,
  messageId: number | undefined,
): Promise<void> {
  const zone = parseTimeZone(zoneInput);
  if (!zone) {
    await ctx.answerCbQuery(t(ctx).staleButton);
    return;
  }
  await saveSettings(ctx, s, { timezone: zone });
  await ctx.answerCbQuery(zone);
  await redraw(ctx, s, messageId);
}

async function redraw(ctx: Context, s: BotServices, messageId: number | undefined): Promise<void> {
  const view = settingsView(ctx, s);
  if (messageId === undefined) await replyHtml(ctx, view.text, view.keyboard);
  else await editHtml(ctx, messageId, view.text, view.keyboard);
}

/** Stores the change and makes the rest of this update see it (language included). */
async function saveSettings(
  ctx: Context,
  s: BotServices,
  patch: { language?: Locale; timezone?: string },
): Promise<Chat | null> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return null;
  const chat = await s.chats.upsert(chatId, patch, s.now());
  const state: ChatState = { chat, locale: chat.language };
  Object.assign(ctx.state, state);
  return chat;
}

function localNow(ctx: Context, s: BotServices): string {
  return formatKickoff(s.now(), chatState(ctx).locale, timeZoneOf(ctx));
}

function settingsView(ctx: Context, s: BotServices): { text: Html; keyboard: Keyboard } {
  const { locale } = chatState(ctx);
  const texts = textsFor(ctx, SETTINGS_TEXTS);
  const zone = timeZoneOf(ctx);
  const mark = (on: boolean, text: string) => (on ? `✓ ${text}` : text);
  const keyboard: Keyboard = [
    [
      {
        text: mark(locale === 'ru', 'Русский'),
        callback_data: languageButton.encode({ kind: 'setLanguage', locale: 'ru' }),
      },
      {
        text: mark(locale === 'en', 'English'),
        callback_data: languageButton.encode({ kind: 'setLanguage', locale: 'en' }),
      },
    ],
  ];
  for (let i = 0; i < COMMON_ZONES.length; i += 3) {
    keyboard.push(
      COMMON_ZONES.slice(i, i + 3).map((z) => ({
        text: mark(z === zone, z),
        callback_data: timeZoneButton.encode({ kind: 'setTimeZone', zone: z }),
      })),
    );
  }
  return {
    text: texts.current(texts.languageName, zone, localNow(ctx, s)),
    keyboard,
  };
}
