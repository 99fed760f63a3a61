import { backtestCommand, backtestUsage } from './commands/backtest.command';
import {
  backupCommand,
  backupUsage,
  restoreCommand,
  restoreUsage,
} from './commands/backup.command';
import { importCsvCommand, importCsvUsage } from './commands/import-csv.command';
import { ledgerCommand, ledgerUsage } from './commands/ledger.command';
import { migrateCommand, migrateUsage } from './commands/migrate.command';
import { modelsCommand, modelsUsage } from './commands/models.command';
import { predictCommand, predictUsage } from './commands/predict.command';
import { preflightCommand, preflightUsage } from './commands/preflight.command';
import { retrainCommand, retrainUsage } from './commands/retrain.command';
import { seasonCommand, seasonUsage } from './commands/season.command';
import { syncCommand, syncUsage } from './commands/sync.command';
import {
  consoleOutput,
  EXIT,
  exitCodeOf,
  failureLines,
  loadCommandConfig,
  type CommandContext,
  type Output,
} from './context';

type Command = (args: string[], ctx: CommandContext) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  migrate: { run: migrateCommand, usage: migrateUsage },
  'import-csv': { run: importCsvCommand, usage: importCsvUsage },
  sync: { run: syncCommand, usage: syncUsage },
  backtest: { run: backtestCommand, usage: backtestUsage },
  retrain: { run: retrainCommand, usage: retrainUsage },
  models: { run: modelsCommand, usage: modelsUsage },
  predict: { run: predictCommand, usage: predictUsage },
  season: { run: seasonCommand, usage: seasonUsage },
  backup: { run: backupCommand, usage: backupUsage },
  restore: { run: restoreCommand, usage: restoreUsage },
  preflight: { run: preflightCommand, usage: preflightUsage },
  ledger: { run: ledgerCommand, usage: ledgerUsage },
};

function usage(): string {
  return ['usage:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

/** Runs one CLI command and returns its exit code (0 ok, 1 failure, 2 usage/configuration). */
export async function main(
  argv: string[],
  output: Output = consoleOutput,
  env?: Record<string, string | undefined>,
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    output.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    output.err(`unknown command: ${name}`);
    output.err(usage());
    return EXIT.usage;
  }
  const config = loadCommandConfig(output, env);
  if (!config) return EXIT.usage;
  try {
    return await command.run(args, { config, output });
  } catch (err) {
    for (const line of failureLines(err, name, command.usage)) output.err(line);
    return exitCodeOf(err);
  }
}
