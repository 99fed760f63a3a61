// Every sandbox run starts from an empty data directory, so what the bot knows is exactly what
// this run imported or simulated. The directory is wiped only when it is one a sandbox made (it
// holds a marker file) or is empty: a mistyped --data-dir must never delete somebody's files.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './args';

const MARKER = '.scoreline-sandbox';

/** Removes and recreates `dir`; throws UsageError when it holds files no sandbox wrote. */
export function freshDataDir(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new UsageError(`${dir} is not empty and was not made by the sandbox; not wiping it`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, MARKER),
    'Made by `npm run sandbox`, which removes and recreates this directory on every run.\n',
  );
}
