import { verifyLedger } from '@scoreline/db';
import { EXIT, openMigratedDb, UsageError, type CommandContext } from '../context';

export const ledgerUsage =
  'scoreline ledger verify      check the prediction ledger (hash chain); names the first broken record';

/** Checks the whole chain: 0 when intact, 1 when broken (the first break named), 2 on usage. */
export async function ledgerCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    throw new UsageError(sub ? `unknown ledger subcommand: ${sub}` : 'ledger needs verify');
  }
  if (rest.length > 0) throw new UsageError(`ledger verify takes no arguments: ${rest.join(' ')}`);
  const { db } = await openMigratedDb(ctx.config);
  try {
    const result = await verifyLedger(db);
    if (result.ok) {
      ctx.output.out(
        `ledger intact: ${result.records} record(s) checked, head ${result.head.hash} (record ${result.head.seq})` +
          (result.pending > 0
            ? `; ${result.pending} newer prediction(s) waiting to be sealed (the worker seals them within a second)`
            : ''),
      );
      return EXIT.ok;
    }
    ctx.output.err(`ledger BROKEN (${result.broken.kind}): ${result.broken.message}`);
    ctx.output.err(
      `${result.records} record(s) intact before it; head as stored: ${result.head ? `${result.head.hash} (record ${result.head.seq})` : 'missing'}`,
    );
    return EXIT.failure;
  } finally {
    await db.destroy();
  }
}
