import {
  createLeaguePredictor,
  NoModelError,
  SameTeamError,
  TeamNameError,
  type MatchForecast,
} from '@scoreline/training';
import { parseArgs } from 'node:util';
import { requireLeague } from '../arguments';
import {
  CommandFailure,
  EXIT,
  InvalidInputError,
  openMigratedDb,
  UsageError,
  type CommandContext,
} from '../context';

export const predictUsage =
  'scoreline predict --league CODE HOME AWAY [--json]   every market for one match from the champion';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** Human-readable lines of a forecast: every market of the score matrix. */
export function describeForecast(f: MatchForecast): string[] {
  const m = f.markets;
  const lines = [
    `${f.league}: ${f.home} v ${f.away} (model ${f.modelVersion})`,
    `1X2:            home ${pct(m.oneXTwo.home)}  draw ${pct(m.oneXTwo.draw)}  away ${pct(m.oneXTwo.away)}`,
    `double chance:  1X ${pct(m.doubleChance.homeOrDraw)}  12 ${pct(m.doubleChance.homeOrAway)}  X2 ${pct(m.doubleChance.drawOrAway)}`,
    `draw no bet:    home ${pct(m.drawNoBet.home)}  away ${pct(m.drawNoBet.away)}`,
    `expected goals: ${m.expectedGoals.home.toFixed(2)} - ${m.expectedGoals.away.toFixed(2)} (total ${m.expectedGoals.total.toFixed(2)})`,
    `both to score:  yes ${pct(m.bothTeamsToScore.yes)}  no ${pct(m.bothTeamsToScore.no)}`,
    `totals:         ${m.totals.map((t) => `${t.line}: o ${pct(t.over)} u ${pct(t.under)}${t.push ? ` p ${pct(t.push)}` : ''}`).join(' | ')}`,
    `home goals:     ${m.teamTotals.home.map((t) => `${t.line}: o ${pct(t.over)}`).join(' | ')}`,
    `away goals:     ${m.teamTotals.away.map((t) => `${t.line}: o ${pct(t.over)}`).join(' | ')}`,
    `asian handicap (home line: fair odds home / away):`,
  ];
  const ah = m.asianHandicap.map(
    (l) =>
      `${l.line > 0 ? '+' : ''}${l.line}: ${l.home.fairOdds.toFixed(2)}/${l.away.fairOdds.toFixed(2)}`,
  );
  for (let i = 0; i < ah.length; i += 5) lines.push(`  ${ah.slice(i, i + 5).join('  ')}`);
  lines.push(
    `likely scores:  ${m.mostLikelyScores.map((s) => `${s.home}-${s.away} ${pct(s.p)}`).join('  ')}`,
  );
  return lines;
}

export async function predictCommand(args: string[], ctx: CommandContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { league: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { league } = parsed.values;
  if (!league || parsed.positionals.length !== 2) {
    throw new UsageError('predict needs --league CODE and two team names');
  }
  const [home, away] = parsed.positionals as [string, string];
  const { db } = await openMigratedDb(ctx.config);
  try {
    const { code } = await requireLeague(db, league);
    const predictor = await createLeaguePredictor(
      db,
      ctx.config.paths.modelRegistryPath,
      code,
      (line) => ctx.output.err(`warning: ${line}`),
    );
    const f = await predictor.predict(home, away);
    if (parsed.values.json) {
      ctx.output.out(
        JSON.stringify({
          league: f.league,
          home: f.home,
          away: f.away,
          model_version: f.modelVersion,
          markets: f.markets,
        }),
      );
    } else {
      for (const line of describeForecast(f)) ctx.output.out(line);
    }
    return EXIT.ok;
  } catch (err) {
    if (err instanceof TeamNameError) {
      throw new InvalidInputError(
        err.reason === 'ambiguous'
          ? `ambiguous team name "${err.input}": did you mean ${err.suggestions.join(', ')}?`
          : `unknown team "${err.input}"${err.suggestions.length ? `: closest ${err.suggestions.join(', ')}` : ''}`,
      );
    }
    if (err instanceof SameTeamError) throw new InvalidInputError(err.message);
    if (err instanceof NoModelError) throw new CommandFailure(err.message);
    throw err;
  } finally {
    await db.destroy();
  }
}
