import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './errors';

// NAME=value, optionally after `export ` (what Node's own parser accepts).
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;

/**
 * Loads `.env` from the current directory (or `path`) into the environment, as `.env.example`
 * promises: the real environment wins over the file, and a missing file is fine. A line that is
 * not `NAME=value`, a comment or blank throws ConfigError naming the file and line (never the
 * line's text: it may hold a secret), and nothing is set. Returns whether a file was loaded.
 */
export function loadDotEnv(
  path = '.env',
  env: Record<string, string | undefined> = process.env,
): boolean {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ConfigError([`${file}: cannot be read (${(err as NodeJS.ErrnoException).code})`]);
  }
  const problems = malformedLines(text).map(
    (line) => `${file} line ${line}: expected NAME=value, a # comment or a blank line`,
  );
  if (problems.length > 0) throw new ConfigError(problems);

  // Node's own parser (the one behind process.loadEnvFile), but assigned here: whether
  // loadEnvFile overrides existing variables has changed between Node releases, and it writes
  // the native environment only (not an injected one, nor Jest's copy of it).
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] === undefined && value !== undefined) env[name] = value;
  }
  return true;
}

/** 1-based numbers of the lines Node's parser would silently misread. */
function malformedLines(text: string): number[] {
  const bad: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = ASSIGNMENT.exec(line);
    if (!m) {
      bad.push(i + 1);
      continue;
    }
    // A quoted value may span lines: skip to its closing quote.
    const value = m[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote)) {
      const close = lines.findIndex((l, j) => j > i && l.includes(quote));
      if (close < 0) {
        bad.push(i + 1);
        break;
      }
      i = close;
    }
  }
  return bad;
}
