import { describe, expect, it } from '@jest/globals';
import { parseSandboxArgs, UsageError } from './args';
import { DEFAULT_SEED } from './simulated-league';

const CSV = __filename; // any file that exists stands in for a CSV here

describe('sandbox arguments', () => {
  it('When nothing is given, then it is the bundled history, in Russian, on a free port', () => {
    expect(parseSandboxArgs([])).toEqual({
      source: { kind: 'history' },
      lang: 'ru',
      port: undefined,
      dataDir: undefined,
      help: false,
    });
  });

  it('When --simulated or --seed is given, then it is the simulated league with that seed', () => {
    expect(parseSandboxArgs(['--simulated']).source).toEqual({
      kind: 'simulated',
      seed: DEFAULT_SEED,
    });
    expect(parseSandboxArgs(['--seed', '7']).source).toEqual({ kind: 'simulated', seed: 7 });
  });

  it('When files and a league are given, then they are imported under that league code', () => {
    expect(parseSandboxArgs([CSV, '--league', 'sp1']).source).toEqual({
      kind: 'files',
      files: [CSV],
      league: 'SP1',
    });
  });

  it.each([
    [['--seed', '1', CSV], '--seed applies to the simulated league'],
    [['--simulated', CSV], '--simulated replaces imported files'],
    [['--league', 'E0'], '--league applies to imported files'],
    [['--seed', '1.5'], '--seed must be a whole number'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['--lang', 'de'], '--lang must be ru or en'],
    [['no-such-file.csv'], 'no such file: no-such-file.csv'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('When the arguments are %j, then it is a usage error naming the problem', (argv, message) => {
    expect(() => parseSandboxArgs(argv)).toThrow(UsageError);
    expect(() => parseSandboxArgs(argv)).toThrow(message);
  });
});
