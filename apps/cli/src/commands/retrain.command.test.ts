import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { capture } from '../test-support/capture';
import { historyFile } from '@test-support/history';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-retrain-cli-'));
const env = { DATA_DIR: tmp };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scoreline retrain', () => {
  beforeAll(async () => {
    const files = [historyFile('E0', '2223'), historyFile('E0', '2324')];
    expect(await main(['import-csv', '--league', 'E0', ...files], capture().output, env)).toBe(0);
    expect(
      await main(['import-csv', writeSyntheticOdds(tmp, 'E0', '2425')], capture().output, env),
    ).toBe(0);
  }, 60_000);

  it('When a league is retrained, then it prints the version and metrics and writes the report and chart', async () => {
    const io = capture();

    const code = await main(['retrain', '--league', 'E0'], io.output, env);

    expect(code).toBe(0);
    const text = io.out.join('\n');
    const version = /^E0: version (\d{8}-\d{6}) \(([\w-]+)\) promoted to champion/.exec(text);
    expect(version).not.toBeNull();
    expect(text).toMatch(/evaluated on \d+ matches \d{4}-\d{2}-\d{2}\.\.2025-05-25: RPS 0\.\d{4}/);
    expect(text).toMatch(/market closing: n=\d+ RPS 0\.\d{4}/);
    expect(text).toMatch(/promoted: first model for E0/);
    const report = join(tmp, 'reports', 'E0', `${version![1]}.md`);
    expect(readFileSync(report, 'utf8')).toContain(`model ${version![1]}`);
    expect(existsSync(join(tmp, 'reports', 'E0', `${version![1]}.png`))).toBe(true);
    expect(existsSync(join(tmp, 'artifacts', 'E0', `${version![1]}.json`))).toBe(true);
  }, 60_000);

  it('When nothing finished after the champion data window, then it skips, says so and exits 0', async () => {
    const io = capture();

    const code = await main(['retrain'], io.output, env);

    expect(code).toBe(0);
    expect(io.out).toEqual([
      expect.stringMatching(
        /^E0: skipped: no finished E0 matches after 2025-05-25 \(champion \d{8}-\d{6}\); nothing to retrain$/,
      ),
    ]);
  });

  it('When the league is unknown or an option is wrong, then it exits 2 with one clear line', async () => {
    const unknown = capture();
    const bad = capture();

    expect(await main(['retrain', '--league', 'XX'], unknown.output, env)).toBe(2);
    expect(await main(['retrain', '--leauge', 'E0'], bad.output, env)).toBe(2);

    expect(unknown.err).toEqual([
      expect.stringMatching(/^--league: unknown league "XX"; known codes: E0, E1, SP1, .*DNK$/),
    ]);
    expect(bad.err.join('\n')).toContain('usage: scoreline retrain');
  });
});
