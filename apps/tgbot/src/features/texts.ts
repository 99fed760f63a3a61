// The catalogue: every text the bot has, per language — the shared messages, the error replies
// and each feature's own texts under its name. Each part is typed Russian-first (a missing
// English text does not compile); the catalogue lets the tests run every text with hostile values
// without listing features.
import { ERROR_TEXTS } from '../context/error-text';
import type { Feature } from '../context/feature';
import { MESSAGES, type Locale, type Messages } from '../i18n/messages';
import { FEATURES } from './index';

type Features = (typeof FEATURES)[number];
type TextsOf<F> = F extends Feature<string, infer T> ? T : never;

export type Catalogue = {
  common: Messages;
  errors: (typeof ERROR_TEXTS)[Locale];
} & {
  [F in Features as unknown extends TextsOf<F> ? never : F['name']]: TextsOf<F>;
};

function catalogueIn(locale: Locale): Catalogue {
  const out: Record<string, unknown> = { common: MESSAGES[locale], errors: ERROR_TEXTS[locale] };
  for (const feature of FEATURES) {
    if (feature.texts) out[feature.name] = feature.texts[locale];
  }
  return out as Catalogue;
}

export const CATALOGUE: Readonly<Record<Locale, Catalogue>> = {
  ru: catalogueIn('ru'),
  en: catalogueIn('en'),
};
