// The sandbox's bundled history: the first run bootstraps a reusable copy (`.data/sandbox-base`:
// the SQLite file, artifacts and reports) with the same module `npm start` uses, and every run
// copies it into its fresh data directory, so later runs start in seconds. The copy is rebuilt
// when the history files or the migrations change.
import { MIGRATION_NAMES, createDb, migrateLatest } from '@scoreline/db';
import { runBootstrap } from '@scoreline/training';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const MARKER = '.complete';

/** What the copy was built from: the history files (name and size) and the schema. */
function fingerprint(historyDir: string): string {
  const hash = createHash('sha256');
  hash.update(MIGRATION_NAMES.join(','));
  for (const league of readdirSync(historyDir).sort()) {
    const folder = join(historyDir, league);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).sort()) {
      hash.update(`${league}/${name}:${statSync(join(folder, name)).size}\n`);
    }
  }
  return hash.digest('hex');
}

/**
 * Makes sure `baseDir` holds a bootstrapped copy of the bundled history; builds it (printing the
 * bootstrap's lines) when missing or stale. Returns its one-line summary.
 */
export async function ensureHistoryBase(
  baseDir: string,
  historyDir: string,
  say: (line: string) => void,
): Promise<string> {
  const print = fingerprint(historyDir);
  const markerPath = join(baseDir, MARKER);
  if (existsSync(markerPath) && readFileSync(markerPath, 'utf8').trim() === print) {
    return readFileSync(join(baseDir, 'summary.txt'), 'utf8').trim();
  }

  // Built aside and renamed into place: a run killed while building leaves no half copy.
  const building = `${baseDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  say(`building the bundled-history copy ${baseDir} once (later runs reuse it)…`);
  const db = createDb({ client: 'sqlite', path: join(building, 'bot.sqlite3') });
  let summary: string;
  try {
    await migrateLatest(db);
    const result = await runBootstrap(
      {
        db,
        registryDir: join(building, 'artifacts'),
        reportsDir: join(building, 'reports'),
        keep: 5,
        owner: `sandbox:${process.pid}`,
        log: say,
      },
      { historyDir },
    );
    if (result.status !== 'done') {
      throw new Error(
        `bootstrap of the bundled history ${result.status === 'failed' ? `failed: ${result.error}` : result.status}`,
      );
    }
    summary =
      `bundled history ${result.leagues.join(', ')}: ${result.matches.toLocaleString('en-US')} ` +
      `matches, ${result.models} models`;
  } catch (err) {
    await db.destroy();
    rmSync(building, { recursive: true, force: true });
    throw err;
  }
  await db.destroy();
  writeFileSync(join(building, 'summary.txt'), `${summary}\n`);
  writeFileSync(join(building, MARKER), `${print}\n`);
  rmSync(baseDir, { recursive: true, force: true });
  try {
    renameSync(building, baseDir);
  } catch (err) {
    // Another sandbox finished its copy first: use that one.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(markerPath)) throw err;
  }
  return summary;
}

/** Copies the bootstrapped database, artifacts and reports to where this run keeps them. */
export function copyHistoryBase(
  baseDir: string,
  to: { dbPath: string; modelRegistryPath: string; reportsDir: string },
): void {
  cpSync(join(baseDir, 'bot.sqlite3'), to.dbPath);
  for (const [name, target] of [
    ['artifacts', to.modelRegistryPath],
    ['reports', to.reportsDir],
  ] as const) {
    const from = join(baseDir, name);
    if (existsSync(from)) cpSync(from, target, { recursive: true });
  }
}
