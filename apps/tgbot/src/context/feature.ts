// A feature of the bot: one folder under features/ holding its handlers, its texts and its
// buttons. bot.ts composes the list in features/index.ts and owns nothing a feature does.
//
// The shape follows telegraf's and grammY's own examples of larger bots: a Composer per feature
// that registers its commands and handlers, mounted on the bot with `bot.use`.
import type { Composer, Context } from 'telegraf';
import type { CallbackActionBase, CallbackCodec } from '../callbacks/codec';
import type { CommandListing } from '../i18n/command-list';
import type { Texts } from '../i18n/texts';
import type { BotServices } from './bot-context';

/** A button payload the feature owns, and what a press does. */
export interface CallbackRoute<A extends CallbackActionBase = CallbackActionBase> {
  readonly codec: CallbackCodec<A>;
  /**
   * Answers the press (`answerCbQuery`) and acts. Runs only in a chat, with `messageId` the
   * message under which the button was pressed.
   */
  handle(ctx: Context, s: BotServices, action: A, messageId: number | undefined): Promise<void>;
}

export interface Feature<Name extends string = string, T = unknown> {
  readonly name: Name;
  /** The feature's own texts, Russian and English (merged into the catalogue, features/texts). */
  readonly texts?: Texts<T>;
  /** Its commands, inline queries and other updates, on a Composer of its own. */
  composer?(s: BotServices): Composer<Context>;
  /** Its buttons: the router sends a press to the route whose prefix it carries. */
  readonly callbacks?: readonly CallbackRoute[];
  /** Its commands as the `/` menu and /help list them, in this order. */
  readonly listing?: readonly CommandListing[];
}

/** Types a feature so the catalogue knows its name and its texts' shape. */
export function defineFeature<const Name extends string, T = unknown>(
  feature: Feature<Name, T>,
): Feature<Name, T> {
  return feature;
}

/** Types a route so its handler gets the codec's action. */
export function callbackRoute<A extends CallbackActionBase>(
  codec: CallbackCodec<A>,
  handle: CallbackRoute<A>['handle'],
): CallbackRoute {
  return { codec, handle };
}
