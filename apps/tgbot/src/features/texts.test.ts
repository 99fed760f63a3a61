import { describe, expect, it } from '@jest/globals';
import { MESSAGES } from '../i18n/messages';
import { FEATURES } from './index';
import { CATALOGUE } from './texts';

describe('text catalogue', () => {
  it('When a feature has texts, then the catalogue holds them under its name in Russian and English', () => {
    const withTexts = FEATURES.filter((f) => f.texts);

    expect(withTexts.length).toBeGreaterThan(5);
    for (const feature of withTexts) {
      expect((CATALOGUE.ru as Record<string, unknown>)[feature.name]).toBe(feature.texts!.ru);
      expect((CATALOGUE.en as Record<string, unknown>)[feature.name]).toBe(feature.texts!.en);
    }
    expect(CATALOGUE.en.common).toBe(MESSAGES.en);
  });

  it('When the languages are compared, then every key of every Russian text group exists in English', () => {
    for (const [name, group] of Object.entries(CATALOGUE.ru)) {
      const en = (CATALOGUE.en as Record<string, object>)[name]!;
      expect(Object.keys(en).sort()).toEqual(Object.keys(group).sort());
    }
  });
});
