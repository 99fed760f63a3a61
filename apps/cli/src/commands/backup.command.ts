import { backupSqlite, RestoreRefusedError, restoreSqlite } from '@scoreline/db';
import { readRuntimeLock } from '@scoreline/ops';
import {
  CommandFailure,
  EXIT,
  InvalidInputError,
  openMigratedDb,
  UsageError,
  type CommandContext,
} from '../context';

export const backupUsage =
  'scoreline backup             online SQLite backup into BACKUP_DIR, keeping BACKUP_KEEP';
export const restoreUsage =
  'scoreline restore FILE       restore a backup after an integrity check (not while the bot runs)';

/** The SQLite file; with Postgres configured these commands do not apply (exit 2). */
function sqlitePath(ctx: CommandContext): string {
  if (ctx.config.db.client === 'sqlite') return ctx.config.db.path;
  throw new InvalidInputError(
    'backup and restore are for the SQLite database; back up Postgres with pg_dump',
  );
}

export async function backupCommand(args: string[], ctx: CommandContext): Promise<number> {
  if (args.length > 0) throw new UsageError(`unexpected argument: ${args.join(' ')}`);
  const dbPath = sqlitePath(ctx);
  // Migrating first also creates the database, so a backup of a fresh install is valid too.
  const { db } = await openMigratedDb(ctx.config);
  await db.destroy();
  const file = await backupSqlite(dbPath, ctx.config.backup.dir, ctx.config.backup.keep);
  ctx.output.out(`backup written: ${file} (keeping ${ctx.config.backup.keep})`);
  return EXIT.ok;
}

export async function restoreCommand(args: string[], ctx: CommandContext): Promise<number> {
  if (args.length !== 1) throw new UsageError('restore needs exactly one FILE');
  const dbPath = sqlitePath(ctx);
  const lockPath = ctx.config.paths.runtimeLockPath;
  try {
    await restoreSqlite(args[0]!, dbPath, {
      isLockHeld: async () => {
        const lock = await readRuntimeLock(lockPath);
        return lock.exists && !lock.malformed && lock.alive;
      },
    });
  } catch (err) {
    if (!(err instanceof RestoreRefusedError)) throw err;
    throw new CommandFailure(err.message);
  }
  const { db, applied } = await openMigratedDb(ctx.config);
  await db.destroy();
  ctx.output.out(
    `restored ${dbPath} from ${args[0]}` +
      (applied.length > 0 ? `; applied migrations: ${applied.join(', ')}` : ''),
  );
  return EXIT.ok;
}
