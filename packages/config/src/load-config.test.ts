import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './index';

const noData = { dataDirUsable: () => false };
const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: '/srv/sl', ...env }, noData);

function problemsOf(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return [...(err as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: databases', () => {
  it('should default to SQLite under DATA_DIR when no DSN is given', () => {
    const config = load({});

    expect(config.db).toEqual({ client: 'sqlite', path: '/srv/sl/bot.sqlite3' });
  });

  it('should let DATABASE_URL win over PG* components', () => {
    const config = load({
      DATABASE_URL: 'postgres://app:pw@db-main:5432/bot',
      PGHOST_RW: 'other-host',
      PGUSER: 'x',
    });

    expect(config.db).toMatchObject({
      client: 'pg',
      writerUrl: 'postgres://app:pw@db-main:5432/bot',
    });
  });

  it('should assemble writer, reader and replica from components with the password URL-encoded', () => {
    const config = load({
      PGUSER: 'bot user',
      PGPASSWORD: 'p@ss/w:rd%',
      PGDATABASE: 'scoreline',
      PGHOST_RW: 'rw.local',
      PGHOST_RO: 'ro.local',
      PGHOST_RR: 'rr.local',
      PGPORT: '6432',
    });

    expect(config.db).toEqual({
      client: 'pg',
      writerUrl: 'postgres://bot%20user:p%40ss%2Fw%3Ard%25@rw.local:6432/scoreline',
      readerUrl: 'postgres://bot%20user:p%40ss%2Fw%3Ard%25@ro.local:6432/scoreline',
      replicaUrl: 'postgres://bot%20user:p%40ss%2Fw%3Ard%25@rr.local:6432/scoreline',
    });
    if (config.db.client === 'pg') {
      expect(decodeURIComponent(new URL(config.db.writerUrl).password)).toBe('p@ss/w:rd%');
    }
  });

  it('should prefer DATABASE_URL_RO and DATABASE_URL_R over PGHOST_RO and PGHOST_RR', () => {
    const config = load({
      DATABASE_URL: 'postgres://a@w/db',
      DATABASE_URL_RO: 'postgres://a@explicit-ro/db',
      PGHOST_RO: 'ignored-ro',
      PGHOST_RR: 'rr',
    });

    expect(config.db).toMatchObject({
      readerUrl: 'postgres://a@explicit-ro/db',
      replicaUrl: 'postgres://rr:5432',
    });
  });

  it('should normalise the Python-era DSN forms', () => {
    expect(load({ DATABASE_URL: 'postgresql+asyncpg://u:p@h:5433/d?ssl=require' }).db).toEqual({
      client: 'pg',
      writerUrl: 'postgres://u:p@h:5433/d?sslmode=require',
      readerUrl: undefined,
      replicaUrl: undefined,
    });
    expect(load({ DATABASE_URL: 'postgresql://u@h/d' }).db).toMatchObject({
      writerUrl: 'postgres://u@h/d',
    });
    expect(load({ DATABASE_URL: 'sqlite+aiosqlite:////data/old.sqlite3' }).db).toEqual({
      client: 'sqlite',
      path: '/data/old.sqlite3',
    });
  });

  it('should reject PG components without a writer host', () => {
    expect(problemsOf({ PGUSER: 'u', PGPASSWORD: 'secretpw' })).toEqual([
      expect.stringMatching(/^PGHOST_RW: required/),
    ]);
  });
});

describe('loadConfig: redis', () => {
  it('should have no Redis by default', () => {
    expect(load({}).redis).toBeUndefined();
  });

  it('should let REDIS_URL win over components', () => {
    expect(load({ REDIS_URL: 'redis://:pw@r1:6380/2', REDIS_HOST: 'r2' }).redis).toEqual({
      url: 'redis://:pw@r1:6380/2',
    });
  });

  it('should assemble the URL from components with an encoded password', () => {
    expect(
      load({ REDIS_HOST: 'cache', REDIS_PORT: '6390', REDIS_DB: '3', REDIS_PASSWORD: 'a/b@c' })
        .redis,
    ).toEqual({ url: 'redis://:a%2Fb%40c@cache:6390/3' });
    expect(load({ REDIS_HOST: 'cache' }).redis).toEqual({ url: 'redis://cache:6379/0' });
  });
});

describe('loadConfig: legacy SportMonks token names', () => {
  it('should accept SPORTMONKS_TOKEN with exactly one warning naming the variable to use', () => {
    const config = load({ SPORTMONKS_TOKEN: 'legacy-token-value' });

    expect(config.sportmonks.token).toBe('legacy-token-value');
    const warnings = config.warnings.filter((w) => w.includes('SPORTMONKS'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('SPORTMONKS_API_TOKEN');
    expect(warnings[0]).not.toContain('legacy-token-value');
  });

  it('should accept SPORTMONKS_API_KEY and keep SPORTMONKS_API_TOKEN first when both are set', () => {
    expect(load({ SPORTMONKS_API_KEY: 'k1' }).sportmonks.token).toBe('k1');
    const both = load({ SPORTMONKS_API_TOKEN: 'main', SPORTMONKS_API_KEY: 'old' });
    expect(both.sportmonks.token).toBe('main');
    expect(both.warnings.filter((w) => w.includes('SPORTMONKS_API_KEY'))).toHaveLength(1);
  });

  it('should not warn when only the current name is used', () => {
    expect(load({ SPORTMONKS_API_TOKEN: 't' }).warnings).toEqual([]);
  });
});

describe('loadConfig: invalid values', () => {
  it('should list every bad variable with what is expected and never echo a value', () => {
    const secrets = {
      DATABASE_URL: 'mysql://root:SuperSecret1@db/x',
      REDIS_URL: 'http://:RedisSecret2@cache',
      TELEGRAM_BOT_TOKEN: '123456:has spaces SECRET3',
    };
    const problems = problemsOf({
      ...secrets,
      PORT: 'notaport',
      ENABLE_METRICS: 'maybe',
      RETRAIN_CRON: 'every day',
      SYNC_CRON: '0 0 * * * *',
      LOG_LEVEL: 'loud',
      ROLE: 'admin',
      RETRY_ATTEMPTS: '0',
    });

    const names = problems.map((p) => p.split(':')[0]).sort();
    expect(names).toEqual(
      [
        'DATABASE_URL',
        'ENABLE_METRICS',
        'LOG_LEVEL',
        'PORT',
        'REDIS_URL',
        'RETRAIN_CRON',
        'RETRY_ATTEMPTS',
        'ROLE',
        'SYNC_CRON',
        'TELEGRAM_BOT_TOKEN',
      ].sort(),
    );
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/TCP port/);
    const text = problems.join('\n');
    for (const value of ['SuperSecret1', 'RedisSecret2', 'SECRET3', 'notaport', 'maybe']) {
      expect(text).not.toContain(value);
    }
  });
});

describe('loadConfig: values and defaults', () => {
  it('should apply the seed defaults', () => {
    const config = load({});

    expect(config.role).toBe('all');
    expect(config.log.level).toBe('info');
    expect(config.api.port).toBe(8080);
    expect(config.metrics).toEqual({ enabled: false, port: 8000 });
    expect(config.health).toEqual({ enabled: false, host: '0.0.0.0', port: 8080 });
    expect(config.telegram.polling).toBe(true);
    expect(config.telegram.startupDelayMs).toBe(0);
    expect(config.scheduler).toMatchObject({
      enabled: true,
      failsafe: false,
      retrainCron: '0 3 * * *',
    });
    expect(config.backup.keep).toBe(10);
    expect(config.shutdown.timeoutMs).toBe(30000);
    expect(config.retry).toEqual({ attempts: 3, delaySec: 1, maxDelaySec: 8, backoff: 2 });
  });

  it('should accept Python log level names in any case', () => {
    expect(load({ LOG_LEVEL: 'WARNING' }).log.level).toBe('warn');
    expect(load({ LOG_LEVEL: 'Critical' }).log.level).toBe('error');
    expect(load({ LOG_LEVEL: 'debug' }).log.level).toBe('debug');
  });

  it('should read RETRAIN_CRON=off as no schedule and accept ROLE=bot as tgbot', () => {
    expect(load({ RETRAIN_CRON: 'OFF' }).scheduler.retrainCron).toBeNull();
    expect(load({ ROLE: 'bot' }).role).toBe('tgbot');
  });

  it('should treat empty variables as unset', () => {
    expect(load({ PORT: '', DATABASE_URL: ' ' }).api.port).toBe(8080);
  });

  it('should parse id lists', () => {
    const config = load({ ADMIN_IDS: '101, 202', SPORTMONKS_LEAGUE_IDS: '8,564' });

    expect(config.telegram.adminIds).toEqual([101, 202]);
    expect(config.sportmonks.leagueIds).toEqual([8, 564]);
  });

  it('should return a deeply frozen tree', () => {
    const config = load({});

    expect(Object.isFrozen(config.paths)).toBe(true);
    expect(() => {
      (config.api as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('loadConfig: paths', () => {
  it('should derive every default path from DATA_DIR', () => {
    expect(load({}).paths).toEqual({
      dataDir: '/srv/sl',
      dataDirSource: 'env',
      dbPath: '/srv/sl/bot.sqlite3',
      modelRegistryPath: '/srv/sl/artifacts',
      reportsDir: '/srv/sl/reports',
      logDir: '/srv/sl/logs',
      backupDir: '/srv/sl/backups',
      runtimeLockPath: '/srv/sl/runtime.lock',
    });
  });

  it('should use /data when DATA_DIR is unset and /data is writable', () => {
    const config = loadConfig({}, { dataDirUsable: (p) => p === '/data' });

    expect(config.paths.dataDir).toBe('/data');
    expect(config.paths.dataDirSource).toBe('default');
    expect(config.warnings).toEqual([]);
  });

  it('should fall back to .data/ in the repository with a warning when /data is unusable', () => {
    const config = loadConfig({ LOG_DIR: '/var/log/sl' }, noData);

    expect(config.paths.dataDirSource).toBe('fallback');
    expect(config.paths.dataDir).toMatch(/\/\.data$/);
    expect(config.paths.dbPath).toBe(`${config.paths.dataDir}/bot.sqlite3`);
    expect(config.paths.logDir).toBe('/var/log/sl');
    expect(config.warnings).toEqual([expect.stringContaining(config.paths.dataDir)]);
  });
});
