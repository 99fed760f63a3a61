import { describe, expect, it } from '@jest/globals';
import { FEATURES } from '../features';
import { createCommandList } from './command-list';

describe('the command list', () => {
  const list = createCommandList(FEATURES);

  it('When the menu is built from the features, then each command appears once, in feature order, in both languages', () => {
    const ru = list.menu('ru').map((c) => c.command);
    const en = list.menu('en').map((c) => c.command);

    expect(ru).toEqual(en);
    expect(new Set(ru).size).toBe(ru.length);
    expect(ru.slice(0, 4)).toEqual(['predict', 'today', 'league', 'match']);
    expect(ru).toEqual(expect.arrayContaining(['table', 'value', 'settings', 'about', 'help']));
    expect(ru).toEqual(expect.arrayContaining(['fixtures', 'form', 'h2h', 'season']));
    for (const c of list.menu('en')) expect(c.description.length).toBeGreaterThan(0);
  });

  it('When /help is built, then every menu command but /start has its line, and inline mode too', () => {
    const help = list.helpLines('en').map(String);
    const menu = list.menu('en').map((c) => c.command);

    for (const command of menu.filter((c) => c !== 'start')) {
      expect(help.some((line) => line.startsWith(`/${command}`))).toBe(true);
    }
    expect(help.some((line) => line.includes('@bot Arsenal Chelsea'))).toBe(true);
    expect(help.some((line) => line.startsWith('/start'))).toBe(false);
  });
});
