import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@scoreline/config';
import { KNOWN_LEAGUE_CODES, mappedLeagueCode, parseDateOption } from './arguments';
import { AppError, DependencyUnavailableError, NotFoundError } from '@scoreline/ops';
import { CommandFailure, exitCodeOf, failureLines, InvalidInputError, UsageError } from './context';

describe('parseDateOption', () => {
  it('When the date exists, then it is returned as given', () => {
    expect(parseDateOption('2024-02-29', '--from')).toBe('2024-02-29');
  });

  it.each(['2024-02-30', '2023-02-29', '2025-04-31', '2025-13-01', '2025-00-10'])(
    'When the date %s does not exist, then it is refused naming the flag instead of rolling over',
    (value) => {
      expect(() => parseDateOption(value, '--from')).toThrow(
        new InvalidInputError(`--from: ${value} is not a date of the calendar`),
      );
    },
  );

  it('When the value is not YYYY-MM-DD, then the message says the expected form', () => {
    expect(() => parseDateOption('01/03/2025', '--to')).toThrow(
      '--to must be a date as YYYY-MM-DD, got "01/03/2025"',
    );
  });
});

describe('mappedLeagueCode', () => {
  it('When the code is known in any case or as a SportMonks id, then its code is returned', () => {
    expect(mappedLeagueCode('sp1')).toBe('SP1');
    expect(mappedLeagueCode('8')).toBe('E0');
  });

  it('When the code is unknown, then the error lists every known code', () => {
    expect(() => mappedLeagueCode('EPL')).toThrow(
      `--league: unknown league "EPL"; known codes: ${KNOWN_LEAGUE_CODES.join(', ')}`,
    );
    expect(KNOWN_LEAGUE_CODES).toEqual(expect.arrayContaining(['E0', 'SP1', 'D1']));
  });
});

describe('exitCodeOf', () => {
  it('When an error is about usage, input or configuration, then 2; any other error, then 1', () => {
    expect(exitCodeOf(new UsageError('x'))).toBe(2);
    expect(exitCodeOf(new InvalidInputError('x'))).toBe(2);
    expect(exitCodeOf(new ConfigError(['X: required']))).toBe(2);
    expect(exitCodeOf(new CommandFailure('x'))).toBe(1);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
  });
});

describe('exitCodeOf over the error family', () => {
  it('When a family error is about the caller, then 2; a dependency or other failure, then 1', () => {
    expect(exitCodeOf(new NotFoundError('x'))).toBe(1);
    expect(exitCodeOf(new DependencyUnavailableError('x'))).toBe(1);
    expect(exitCodeOf(new AppError('X', 'x'))).toBe(1);
    expect(new UsageError('x')).toBeInstanceOf(AppError);
    expect(new UsageError('x').name).toBe('UsageError');
    expect(new InvalidInputError('x').code).toBe('INVALID_INPUT');
    expect(new CommandFailure('x').code).toBe('COMMAND_FAILED');
  });
});

describe('failureLines', () => {
  it('When usage is wrong, then the message and the usage line', () => {
    expect(failureLines(new UsageError('bad flag'), 'sync', 'scoreline sync')).toEqual([
      'bad flag',
      'usage: scoreline sync',
    ]);
  });

  it('When a family error says what went wrong, then its message alone', () => {
    expect(failureLines(new CommandFailure('no data'), 'sync', 'u')).toEqual(['no data']);
  });

  it('When anything else fails, then the command is named and secrets are redacted', () => {
    const err = new Error('connect postgres://app:s3cret@db/x failed');
    const [line] = failureLines(err, 'sync', 'u');
    expect(line).toMatch(/^sync failed: connect /);
    expect(line).not.toContain('s3cret');
  });
});
