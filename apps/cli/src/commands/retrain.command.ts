import { retrainLeagues, type RetrainResult } from '@scoreline/training';
import { parseArgs } from 'node:util';
import { requireLeague } from '../arguments';
import { EXIT, openMigratedDb, UsageError, type CommandContext } from '../context';

export const retrainUsage =
  'scoreline retrain [--league CODE] [--force]   fit, evaluate, register and maybe promote a model';

function parseRetrainArgs(args: string[]) {
  try {
    const { values } = parseArgs({
      args,
      options: { league: { type: 'string' }, force: { type: 'boolean', default: false } },
    });
    return { league: values.league, force: values.force === true };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

const f4 = (x: number) => x.toFixed(4);

/** The lines a finished retrain prints: decision, version, metrics, files. */
export function describeRetrain(r: RetrainResult): string[] {
  if (r.status === 'skipped') return [`${r.league}: skipped: ${r.reason}`];
  const m = r.metrics;
  const e = m.evaluation;
  const lines = [
    `${r.league}: version ${r.version} (${m.candidate}) ${r.status === 'promoted' ? 'promoted to champion' : 'registered as challenger'} in ${r.seconds.toFixed(1)} s`,
    `  data ${r.record.dataFrom ?? '?'}..${r.record.dataTo ?? '?'}; evaluated on ${e.n} matches ${e.from}..${e.to}: RPS ${f4(e.rps)}  log loss ${f4(e.logLoss)}  Brier ${f4(e.brier)}  ECE ${f4(e.ece)}`,
  ];
  for (const [label, mk] of [
    ['market closing', m.market.closing],
    ['market pre-closing', m.market.preClosing],
  ] as const) {
    if (mk)
      lines.push(
        `  ${label}: n=${mk.n} RPS ${f4(mk.rps)}  log loss ${f4(mk.logLoss)}  Brier ${f4(mk.brier)} (model on the same matches: RPS ${f4(mk.modelRps)})`,
      );
  }
  lines.push(
    `  candidates: ${m.candidates.map((c) => `${c.name} ${f4(c.rps)}`).join(', ')}`,
    `  ${r.decision}`,
    `  artifact ${r.artifactPath}`,
    `  report ${r.reportPath}`,
    `  chart ${r.chartPath}`,
  );
  if (r.pruned.length) lines.push(`  pruned artifacts: ${r.pruned.join(', ')}`);
  return lines;
}

export async function retrainCommand(args: string[], ctx: CommandContext): Promise<number> {
  const opts = parseRetrainArgs(args);
  const { db } = await openMigratedDb(ctx.config);
  try {
    const league = opts.league ? (await requireLeague(db, opts.league)).code : undefined;
    const outcomes = await retrainLeagues(
      {
        db,
        registryDir: ctx.config.paths.modelRegistryPath,
        reportsDir: ctx.config.paths.reportsDir,
        keep: ctx.config.models.keep,
        warn: (line) => ctx.output.err(`warning: ${line}`),
        ...(ctx.output.progress ? { progress: ctx.output.progress } : {}),
      },
      { force: opts.force, ...(league ? { leagues: [league] } : {}) },
    );
    if (ctx.output.progress) ctx.output.progress('');
    if (outcomes.length === 0) {
      ctx.output.err('no leagues yet: import history first (scoreline import-csv)');
      return EXIT.failure;
    }
    for (const o of outcomes) {
      if ('error' in o) ctx.output.err(`${o.league}: ${o.error.message}`);
      else for (const line of describeRetrain(o.result)) ctx.output.out(line);
    }
    return outcomes.some((o) => 'error' in o) ? EXIT.failure : EXIT.ok;
  } finally {
    await db.destroy();
  }
}
