export {
  loadConfig,
  type Config,
  type DatabaseSettings,
  type LoadConfigOptions,
} from './load-config';
export { ConfigError } from './errors';
export { loadDotEnv } from './dotenv';
export { ENV_SPEC, SECRET_VARS, ROLES, type EnvName, type Role } from './spec';
export { parseDatabaseUrl, assemblePgUrl, assembleRedisUrl } from './dsn';
export { isValidCron } from './validators';
export { REPO_ROOT, DEFAULT_DATA_DIR, type PathSettings } from './paths';
export type { LogLevel } from './log-level';
