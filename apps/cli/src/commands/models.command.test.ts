import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { capture } from '../test-support/capture';
import { historyFile } from '@test-support/history';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-models-cli-'));
const env = { DATA_DIR: tmp };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scoreline models', () => {
  let version: string;
  let artifact: Record<string, unknown>;

  beforeAll(async () => {
    const history = historyFile('E0', '2324');
    expect(await main(['import-csv', '--league', 'E0', history], capture().output, env)).toBe(0);
    expect(
      await main(['import-csv', writeSyntheticOdds(tmp, 'E0', '2425')], capture().output, env),
    ).toBe(0);
    const io = capture();
    expect(await main(['retrain', '--league', 'E0'], io.output, env)).toBe(0);
    version = /version (\S+)/.exec(io.out[0]!)![1]!;
    artifact = JSON.parse(readFileSync(join(tmp, 'artifacts', 'E0', `${version}.json`), 'utf8'));
  }, 60_000);

  it('When models are listed, then each row shows status, data window, RPS and artifact state', async () => {
    const io = capture();

    expect(await main(['models', 'list'], io.output, env)).toBe(0);

    expect(io.out[0]).toMatch(
      /^league +version +status +kind +trained +data +RPS +sha256 +artifact$/,
    );
    expect(io.out[1]).toMatch(
      new RegExp(
        `^E0 +${version} +champion +production +\\S+ \\S+ +2023-08-11\\.\\.2025-05-25 +0\\.\\d{4} +[0-9a-f]{12} +ok$`,
      ),
    );
  });

  it('When an invalid file is imported, then it is rejected with the reason and nothing is registered', async () => {
    const truncated = join(tmp, 'truncated.json');
    writeFileSync(truncated, JSON.stringify({ ...artifact, version: 'hand-0' }).slice(0, 500));
    const wrongLeague = join(tmp, 'sp1.json');
    writeFileSync(wrongLeague, JSON.stringify({ ...artifact, version: 'hand-0', league: 'SP1' }));
    const a = capture();
    const b = capture();
    const c = capture();

    expect(await main(['models', 'import', truncated, '--league', 'E0'], a.output, env)).toBe(1);
    expect(await main(['models', 'import', wrongLeague, '--league', 'E0'], b.output, env)).toBe(1);
    expect(await main(['models', 'import', truncated], c.output, env)).toBe(2);

    expect(a.err).toEqual([`import rejected: ${truncated} is not JSON`]);
    expect(b.err).toEqual([`import rejected: ${wrongLeague} is a model of league SP1, not E0`]);
    const list = capture();
    await main(['models', 'list'], list.output, env);
    expect(list.out).toHaveLength(2);
  });

  it('When a valid artifact is imported with --promote and later corrupted, then predict falls back to the previous champion with one warning', async () => {
    const file = join(tmp, 'hand.json');
    writeFileSync(file, JSON.stringify({ ...artifact, version: 'hand-1' }));
    const imp = capture();

    expect(
      await main(['models', 'import', file, '--league', 'E0', '--promote'], imp.output, env),
    ).toBe(0);
    expect(imp.out).toEqual([
      expect.stringMatching(
        /^E0: imported version hand-1 as champion \(\d+ teams, data to 2025-05-25, sha256 [0-9a-f]{64}\), stored as .*hand-1\.json$/,
      ),
    ]);

    const stored = join(tmp, 'artifacts', 'E0', 'hand-1.json');
    writeFileSync(stored, readFileSync(stored, 'utf8').replace('"Arsenal"', '"Arsenai"'));
    const list = capture();
    const predict = capture();
    await main(['models', 'list'], list.output, env);
    const code = await main(
      ['predict', '--league', 'E0', 'Arsenal', 'Chelsea', '--json'],
      predict.output,
      env,
    );

    expect(list.out.find((l) => l.includes('hand-1'))).toMatch(/champion .* corrupt$/);
    expect(code).toBe(0);
    expect(JSON.parse(predict.out[0]!).model_version).toBe(version);
    expect(predict.err).toEqual([
      `warning: model E0 hand-1: artifact sha256 mismatch; serving the previous champion ${version}`,
    ]);
  });
});
