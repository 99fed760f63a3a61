export type { DatabaseSettings, DbLogger, CreateDbOptions } from './settings';
export { createDb, SQLITE_PRAGMAS, type Db } from './create-db';
export { DbConnectionError, describePgUrl } from './errors';
export { pingDb } from './ping';
export { migrateLatest, appliedMigrations, type MigrateOptions } from './migrate';
export { MIGRATION_NAMES, StaticMigrationSource } from './migrations/migration-source';
