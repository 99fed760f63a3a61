import { EXIT, openMigratedDb, type CommandContext } from '../context';

export const migrateUsage = 'scoreline migrate            apply pending database migrations';

export async function migrateCommand(_args: string[], ctx: CommandContext): Promise<number> {
  const { db, applied } = await openMigratedDb(ctx.config);
  try {
    ctx.output.out(
      applied.length > 0
        ? `applied ${applied.length} migration(s) on ${db.target}: ${applied.join(', ')}`
        : `database ${db.target} is up to date`,
    );
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}
