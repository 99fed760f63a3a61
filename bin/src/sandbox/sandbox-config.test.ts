import { describe, expect, it } from '@jest/globals';
import { loadSandboxConfig, SANDBOX_TOKEN } from './sandbox-config';

describe('sandbox configuration', () => {
  it('When the fake token is checked, then it cannot pass for a real Bot API token', () => {
    expect(SANDBOX_TOKEN).not.toMatch(/[0-9]{8,10}:[A-Za-z0-9_-]{35}/);
  });

  it('When loaded, then it is ROLE=all on SQLite in the data directory, talking to the emulator, with no schedules', () => {
    const config = loadSandboxConfig({
      dataDir: '/tmp/sandbox-config-test',
      telegramApiRoot: 'http://127.0.0.1:4321',
      port: 0,
      lang: 'en',
    });

    expect(config.role).toBe('all');
    expect(config.db).toEqual({ client: 'sqlite', path: '/tmp/sandbox-config-test/bot.sqlite3' });
    expect(config.redis).toBeUndefined();
    expect(config.telegram).toMatchObject({
      token: SANDBOX_TOKEN,
      apiRoot: 'http://127.0.0.1:4321',
      polling: true,
      startupDelayMs: 0,
    });
    expect(config.scheduler.enabled).toBe(false);
    expect(config.app.defaultLocale).toBe('en');
  });
});
