// A feature's texts in every language the bot speaks. Russian is the default language and the
// reference: `defineTexts` takes the English texts as the same type, so a key missing in one
// language, or a function with other arguments, does not compile.
import type { Locale } from './messages';

export type Texts<T> = Readonly<Record<Locale, T>>;

export function defineTexts<T>(ru: T, en: NoInfer<T>): Texts<T> {
  return { ru, en };
}
