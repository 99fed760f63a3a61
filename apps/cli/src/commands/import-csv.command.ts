import { FeedFormatError, importFootballDataFile } from '@scoreline/feeds';
import { parseArgs } from 'node:util';
import { mappedLeagueCode } from '../arguments';
import { EXIT, openMigratedDb, UsageError, type CommandContext } from '../context';

export const importCsvUsage =
  'scoreline import-csv FILE… [--league CODE]   import football-data style CSVs (results, stats, odds)';

export async function importCsvCommand(args: string[], ctx: CommandContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { league: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('import-csv needs at least one FILE');
  const league = parsed.values.league ? mappedLeagueCode(parsed.values.league) : undefined;

  const { db } = await openMigratedDb(ctx.config);
  const progress = ctx.output.progress;
  let failed = false;
  try {
    for (const file of files) {
      const started = Date.now();
      try {
        const r = await importFootballDataFile(db, file, {
          league,
          onProgress: progress ? (done, total) => progress(`${file}: ${done}/${total}`) : undefined,
        });
        progress?.('');
        const seconds = (Date.now() - started) / 1000;
        ctx.output.out(
          `${file}: inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}` +
            ` (${r.dataRows} rows, ${Math.round(r.dataRows / Math.max(seconds, 0.001))} rows/s)`,
        );
        const others = r.leagues.filter((code) => code !== league);
        if (league && others.length > 0) {
          ctx.output.err(
            `warning: ${file}: its Div column says ${others.join(', ')}, not --league ${league}; those rows were imported as ${others.join(', ')}`,
          );
        }
        for (const reject of r.rejects) {
          ctx.output.out(`  rejected ${reject.file}:${reject.line}: ${reject.reason}`);
        }
        if (r.newTeams.length > 0) {
          ctx.output.out(`  new teams (no alias matched): ${r.newTeams.join('; ')}`);
        }
      } catch (err) {
        if (!(err instanceof FeedFormatError)) throw err;
        progress?.('');
        ctx.output.err(err.message);
        failed = true;
      }
    }
  } finally {
    await db.destroy();
  }
  return failed ? EXIT.failure : EXIT.ok;
}
