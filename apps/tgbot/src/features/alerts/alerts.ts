// /alerts: the chat's value-alert settings, shown with buttons and changed by arguments. The
// worker's scan (apps/worker/src/betting/alert-scan.ts) reads them after every sync.
import type { AlertSettings, AlertSettingsPatch } from '@scoreline/db';
import type { Html } from '@scoreline/queue';
import { VALUE_MARKETS, type ValueMarket } from '@scoreline/training';
import type { Composer, Context } from 'telegraf';
import {
  chatState,
  editHtml,
  replyHtml,
  textsFor,
  timeZoneOf,
  type BotServices,
  type Keyboard,
} from '../../context/bot-context';
import { termsAccepted } from '../terms/gate';
import { alertSettingButton, type AlertSwitch } from './buttons';
import { ALERTS_TEXTS, type AlertsTexts } from './texts';

const EDGE_STEPS = [3, 5, 8, 10];
const MAX_STEPS = [1, 3, 5, 10];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The value after `x` in `steps` (the first one after the last, or for a value not listed). */
const nextStep = (steps: number[], x: number) => steps.find((s) => s > x) ?? steps[0]!;

/** What `/alerts <args>` asks for: show, a change, or the word that could not be read. */
export type AlertArgs = { show: true } | { change: AlertSettingsPatch } | { bad: string };

export function parseAlertArgs(payload: string): AlertArgs {
  const r = readAlertArgs(payload);
  if (r === null) return { show: true };
  return typeof r === 'string' ? { bad: r } : { change: r };
}

/** The change, the unreadable word, or null for none (show). */
function readAlertArgs(payload: string): AlertSettingsPatch | string | null {
  const [key, ...rest] = payload.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (key === undefined) return null;
  if (key === 'on' || key === 'off') return { enabled: key === 'on' };
  if (key === 'edge' && rest.length === 1) {
    const n = Number(rest[0]!.replace(',', '.').replace('%', ''));
    return Number.isFinite(n) && n >= 0 && n <= 50 ? { minEdge: n } : rest[0]!;
  }
  if (key === 'max' && rest.length === 1) {
    const n = Number(rest[0]);
    return Number.isInteger(n) && n >= 1 && n <= 50 ? { maxPerDay: n } : rest[0]!;
  }
  if (key === 'quiet' && rest.length === 1) {
    if (rest[0] === 'off') return { quiet: null };
    const [from, to] = rest[0]!.split('-');
    return from && to && HHMM.test(from) && HHMM.test(to) && from !== to
      ? { quiet: { from, to } }
      : rest[0]!;
  }
  if (key === 'markets' && rest.length > 0) {
    const bad = rest.find((m) => !(VALUE_MARKETS as readonly string[]).includes(m));
    return bad ?? { markets: [...new Set(rest)] };
  }
  if (key === 'leagues' && rest.length > 0) {
    return rest.length === 1 && rest[0] === 'all'
      ? { leagues: [], mutedLeagues: [] }
      : { leagues: [...new Set(rest.map((c) => c.toUpperCase()))] };
  }
  return key;
}

function view(ctx: Context, s: AlertSettings): { text: Html; keyboard: Keyboard } {
  const x = textsFor(ctx, ALERTS_TEXTS);
  const { locale } = chatState(ctx);
  const edge = (n: number) => (locale === 'ru' ? String(n).replace('.', ',') : String(n));
  const button = (text: string, change: AlertSwitch) => ({
    text,
    callback_data: alertSettingButton.encode({ kind: 'alertSetting', change }),
  });
  const market = (m: ValueMarket) =>
    button(`${s.markets.includes(m) ? '✅' : '▫️'} ${x.marketNames[m]}`, m);
  const text = x.settings({
    enabled: s.enabled,
    minEdge: edge(s.minEdge),
    leagues: s.leagues.length > 0 ? s.leagues.join(', ') : null,
    muted: s.mutedLeagues.length > 0 ? s.mutedLeagues.join(', ') : null,
    markets: s.markets.map((m) => x.marketNames[m as ValueMarket] ?? m).join(', ') || '—',
    maxPerDay: s.maxPerDay,
    quiet: s.quiet ? `${s.quiet.from}–${s.quiet.to}` : null,
    zone: timeZoneOf(ctx),
  });
  const keyboard: Keyboard = [
    [s.enabled ? button(x.turnOff, 'off') : button(x.turnOn, 'on')],
    VALUE_MARKETS.map(market),
    [
      button(x.edgeButton(edge(nextStep(EDGE_STEPS, s.minEdge))), 'edge'),
      button(x.maxButton(nextStep(MAX_STEPS, s.maxPerDay)), 'max'),
    ],
  ];
  return { text, keyboard };
}

export function registerAlerts(bot: Composer<Context>, s: BotServices): void {
  bot.command('alerts', async (ctx) => {
    if (!(await termsAccepted(ctx, s, 'alerts'))) return;
    const x = textsFor(ctx, ALERTS_TEXTS);
    const chatId = ctx.chat.id;
    const args = parseAlertArgs(ctx.payload);
    if ('bad' in args) {
      await replyHtml(ctx, x.badValue(args.bad));
      await replyHtml(ctx, x.usage);
      return;
    }
    const change = 'change' in args ? args.change : null;
    if (change?.leagues && change.leagues.length > 0) {
      const known = new Set((await s.fixtures.leagues()).map((l) => l.code));
      const unknown = change.leagues.filter((c) => !known.has(c));
      if (unknown.length > 0) {
        await replyHtml(ctx, x.unknownLeagues(unknown.join(', ')));
        return;
      }
    }
    const settings =
      change === null ? await s.alerts.get(chatId) : await s.alerts.update(chatId, change, s.now());
    const { text, keyboard } = view(ctx, settings);
    await replyHtml(ctx, text, keyboard);
  });
}

/** A settings button: applies the change and redraws the settings in place. */
export async function applyAlertButton(
  ctx: Context,
  s: BotServices,
  change: AlertSwitch,
  messageId: number | undefined,
): Promise<void> {
  const chatId = ctx.chat!.id;
  const x: AlertsTexts = textsFor(ctx, ALERTS_TEXTS);
  const now = await s.alerts.get(chatId);
  let patch: AlertSettingsPatch;
  if (change === 'on' || change === 'off') patch = { enabled: change === 'on' };
  else if (change === 'edge') patch = { minEdge: nextStep(EDGE_STEPS, now.minEdge) };
  else if (change === 'max') patch = { maxPerDay: nextStep(MAX_STEPS, now.maxPerDay) };
  else {
    patch = {
      markets: now.markets.includes(change)
        ? now.markets.filter((m) => m !== change)
        : [...now.markets, change],
    };
  }
  const settings = await s.alerts.update(chatId, patch, s.now());
  await ctx.answerCbQuery(x.saved);
  const { text, keyboard } = view(ctx, settings);
  if (messageId === undefined) await replyHtml(ctx, text, keyboard);
  else await editHtml(ctx, messageId, text, keyboard);
}

/** The alert's "mute this league" button. */
export async function applyMuteButton(
  ctx: Context,
  s: BotServices,
  alertId: number,
): Promise<void> {
  const chatId = ctx.chat!.id;
  const x = textsFor(ctx, ALERTS_TEXTS);
  const alert = await s.alerts.alert(chatId, alertId);
  const fixture = alert ? await s.fixtures.byId(alert.fixtureId) : null;
  if (!fixture) {
    await ctx.answerCbQuery(x.badValue(String(alertId)).toString());
    return;
  }
  await s.alerts.mute(chatId, fixture.league, s.now());
  await ctx.answerCbQuery(x.muted(fixture.league));
}
