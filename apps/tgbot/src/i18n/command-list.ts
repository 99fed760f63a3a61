// The bot's command list, gathered from the features in their order: each feature lists its own
// commands, so adding one is a line in its folder, not in a central table. The `/` menu takes
// the listings with a `menu` text, /help the ones with a `help` line.
import type { Html } from '@scoreline/queue';
import type { Locale } from './messages';
import type { Texts } from './texts';

export interface CommandListing {
  /** Without the slash; also the menu entry's command. */
  command: string;
  /** The `/` menu's description (Telegram shows it under the command). */
  menu?: Texts<string>;
  /** The command's line in /help. */
  help?: Texts<Html>;
}

export interface CommandList {
  menu(locale: Locale): Array<{ command: string; description: string }>;
  helpLines(locale: Locale): Html[];
}

export function createCommandList(
  features: readonly { listing?: readonly CommandListing[] }[],
): CommandList {
  const listings = features.flatMap((f) => f.listing ?? []);
  return {
    menu: (locale) =>
      listings.flatMap((l) =>
        l.menu ? [{ command: l.command, description: l.menu[locale] }] : [],
      ),
    helpLines: (locale) => listings.flatMap((l) => (l.help ? [l.help[locale]] : [])),
  };
}
