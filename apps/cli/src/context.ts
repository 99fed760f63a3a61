import { ConfigError, loadConfig, loadDotEnv, type Config } from '@scoreline/config';
import { createDb, migrateLatest, type Db } from '@scoreline/db';
import { AppError, errorText, ValidationError, type SubclassOptions } from '@scoreline/ops';

/** Exit codes shared by every command (DESIGN §2). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Where a command writes: injected so tests can capture output. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Overwrites one status line; only on a terminal (absent when output is piped). */
  progress?: (line: string) => void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: process.stderr.isTTY ? (line) => process.stderr.write(`\r\x1b[K${line}`) : undefined,
};

type CliErrorOptions = Omit<SubclassOptions, 'code'>;

/** Bad arguments: printed with the command's usage line, exit 2. */
export class UsageError extends ValidationError {
  constructor(message: string, opts: CliErrorOptions = {}) {
    super(message, { ...opts, code: 'USAGE' });
  }
}

/**
 * An argument or the configuration names something that cannot work (an unknown league or team,
 * an impossible date, a command that does not fit the configured database): one line, exit 2.
 */
export class InvalidInputError extends ValidationError {
  constructor(message: string, opts: CliErrorOptions = {}) {
    super(message, { ...opts, code: 'INVALID_INPUT' });
  }
}

/** The command ran and could not do its job (missing data, a refused restore): one line, exit 1. */
export class CommandFailure extends AppError {
  constructor(message: string, opts: CliErrorOptions = {}) {
    super('COMMAND_FAILED', message, opts);
  }
}

/**
 * The one exit-code rule of every command (DESIGN §2), mapped from the error family: 2 for
 * invalid usage, input (any ValidationError) or configuration, 1 for any other error. Success (0)
 * is a command's normal return.
 */
export function exitCodeOf(err: unknown): number {
  // ConfigError comes from @scoreline/config, which sits below the family.
  return err instanceof ValidationError || err instanceof ConfigError ? EXIT.usage : EXIT.failure;
}

/**
 * The lines a failed command prints: a family error's message is written for the user as is
 * (a usage error adds the usage line); anything else is a fault, named with the command.
 */
export function failureLines(err: unknown, command: string, usage: string): string[] {
  if (err instanceof UsageError) return [err.message, `usage: ${usage}`];
  if (err instanceof AppError) return [err.message];
  return [`${command} failed: ${errorText(err)}`];
}

export interface CommandContext {
  config: Config;
  output: Output;
}

/**
 * Loads configuration (the real environment, then `.env` of the current directory, unless tests
 * inject an environment); a bad environment is a usage problem (exit 2), listed per variable.
 */
export function loadCommandConfig(
  output: Output,
  env?: Record<string, string | undefined>,
): Config | undefined {
  try {
    if (!env) loadDotEnv();
    const config = env ? loadConfig(env) : loadConfig();
    for (const warning of config.warnings) output.err(`warning: ${warning}`);
    return config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) output.err(problem);
    return undefined;
  }
}

/**
 * Opens the database and applies pending migrations first, as every command that touches the
 * database must. The caller destroys the handle.
 */
export async function openMigratedDb(config: Config): Promise<{ db: Db; applied: string[] }> {
  const db = createDb(config.db);
  try {
    const applied = await migrateLatest(db);
    return { db, applied };
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw new Error(errorText(err));
  }
}
