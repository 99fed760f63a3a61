// Command-line arguments of `npm run sandbox`. Bad usage is a UsageError (exit 2).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from './simulated-league';

export const USAGE = [
  'usage: npm run sandbox -- [FILE.csv… [--league CODE] | --simulated [--seed N]] [--lang ru|en] [--port N]',
  '  (default)      the bundled history: E0, SP1, D1 1993/94–2025/26 (data/history)',
  '  FILE.csv…      football-data CSVs to import instead',
  '  --league CODE  division of files without a Div column (E0, SP1, …)',
  '  --simulated    a simulated league (SIM) with upcoming fixtures instead',
  `  --seed N       seed of the simulated league (default ${DEFAULT_SEED}); implies --simulated`,
  '  --lang ru|en   language of the emulated user (default ru)',
  '  --port N       port of the api (default: a free one)',
  '  --data-dir DIR where the run keeps its data (default .data/sandbox, wiped each run)',
].join('\n');

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type DataSource =
  | { kind: 'history' }
  | { kind: 'files'; files: string[]; league: string | undefined }
  | { kind: 'simulated'; seed: number };

export interface SandboxArgs {
  source: DataSource;
  lang: 'ru' | 'en';
  /** Undefined: any free port. */
  port: number | undefined;
  /** Undefined: `.data/sandbox` at the repository root. */
  dataDir: string | undefined;
  help: boolean;
}

export function parseSandboxArgs(argv: readonly string[]): SandboxArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        league: { type: 'string' },
        seed: { type: 'string' },
        simulated: { type: 'boolean' },
        lang: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals: files } = parsed;

  const lang = values.lang ?? 'ru';
  if (lang !== 'ru' && lang !== 'en') throw new UsageError(`--lang must be ru or en, not ${lang}`);
  const port = values.port === undefined ? undefined : integerIn('--port', values.port, 0, 65535);
  for (const file of files) {
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  }
  const simulated = values.simulated === true || values.seed !== undefined;
  if (files.length > 0 && values.simulated === true) {
    throw new UsageError('--simulated replaces imported files: give one or the other');
  }
  if (files.length > 0 && values.seed !== undefined) {
    throw new UsageError('--seed applies to the simulated league, not to imported files');
  }
  if (files.length === 0 && values.league !== undefined) {
    throw new UsageError('--league applies to imported files: give FILE.csv too');
  }

  return {
    source:
      files.length > 0
        ? { kind: 'files', files, league: values.league?.toUpperCase() }
        : simulated
          ? {
              kind: 'simulated',
              seed:
                values.seed === undefined
                  ? DEFAULT_SEED
                  : integerIn('--seed', values.seed, 0, 2 ** 32 - 1),
            }
          : { kind: 'history' },
    lang,
    port,
    dataDir: values['data-dir'],
    help: values.help === true,
  };
}

function integerIn(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not ${text}`);
  }
  return n;
}
