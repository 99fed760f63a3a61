import { listModels, type ModelRecord } from '@scoreline/db';
import {
  ArtifactUnusableError,
  importArtifact,
  ImportRejectedError,
  readArtifact,
  resolveArtifactPath,
} from '@scoreline/training';
import { parseArgs } from 'node:util';
import { requireLeague } from '../arguments';
import { CommandFailure, EXIT, openMigratedDb, UsageError, type CommandContext } from '../context';

export const modelsUsage =
  'scoreline models list [--league CODE] | models import FILE --league CODE [--promote]   the model registry';

/** State of a registered artifact on disk: intact, missing (pruned or lost) or corrupt. */
function artifactState(root: string, m: ModelRecord): string {
  try {
    readArtifact(resolveArtifactPath(root, m.artifactPath), m.sha256);
    return 'ok';
  } catch (err) {
    if (!(err instanceof ArtifactUnusableError)) throw err;
    return err.reason === 'missing' ? 'missing' : err.reason === 'invalid' ? 'invalid' : 'corrupt';
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

async function listCommand(args: string[], ctx: CommandContext): Promise<number> {
  let league: string | undefined;
  try {
    ({ league } = parseArgs({ args, options: { league: { type: 'string' } } }).values);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { db } = await openMigratedDb(ctx.config);
  try {
    const code = league ? (await requireLeague(db, league)).code : undefined;
    const models = await listModels(db, code);
    if (models.length === 0) {
      ctx.output.out(
        code ? `no models for ${code}` : 'no models yet: run scoreline retrain or models import',
      );
      return EXIT.ok;
    }
    const root = ctx.config.paths.modelRegistryPath;
    const rps = (m: ModelRecord) => {
      const e = m.metrics.evaluation as { rps?: unknown } | undefined;
      return typeof e?.rps === 'number' ? e.rps.toFixed(4) : '—';
    };
    const rows = [
      ['league', 'version', 'status', 'kind', 'trained', 'data', 'RPS', 'sha256', 'artifact'],
      ...models.map((m) => [
        m.leagueCode,
        m.version,
        m.status,
        m.kind,
        m.trainedAt.toISOString().slice(0, 16).replace('T', ' '),
        `${m.dataFrom ?? '?'}..${m.dataTo ?? '?'}`,
        rps(m),
        m.sha256.slice(0, 12),
        artifactState(root, m),
      ]),
    ];
    for (const line of table(rows)) ctx.output.out(line);
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}

async function importCommand(args: string[], ctx: CommandContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { league: { type: 'string' }, promote: { type: 'boolean', default: false } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0 || !parsed.values.league) {
    throw new UsageError('models import needs one FILE and --league CODE');
  }
  const { db } = await openMigratedDb(ctx.config);
  try {
    const league = await requireLeague(db, parsed.values.league);
    const result = await importArtifact(db, ctx.config.paths.modelRegistryPath, file, {
      league: league.code,
      promote: parsed.values.promote === true,
      keep: ctx.config.models.keep,
    });
    const r = result.record;
    ctx.output.out(
      `${r.leagueCode}: imported version ${r.version} as ${r.status} (${result.artifact.state.dixonColes.teams.length} teams, data to ${r.dataTo ?? '?'}, sha256 ${r.sha256})${result.copied ? `, stored as ${resolveArtifactPath(ctx.config.paths.modelRegistryPath, r.artifactPath)}` : ''}`,
    );
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof ImportRejectedError)) throw err;
    throw new CommandFailure(`import rejected: ${err.message}`);
  } finally {
    await db.destroy();
  }
}

export async function modelsCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return listCommand(rest, ctx);
  if (sub === 'import') return importCommand(rest, ctx);
  throw new UsageError(sub ? `unknown models subcommand: ${sub}` : 'models needs list or import');
}
