// The sandbox's log: everything as JSON lines in LOG_DIR (as every role writes it), and only
// warnings and errors on stderr, so the chat on stdout stays readable.
import type { Config } from '@scoreline/config';
import { createLogger } from '@scoreline/ops';
import { Writable } from 'node:stream';

const WORTH_SHOWING = /(^|\s)level=(warn|error)(\s|$)/;
/**
 * Warnings that only say the emulator is not Telegram: it answers setMyCommands with a 500, and
 * the bot warns about that on every start. They stay in the log file, off the terminal.
 */
const EMULATOR_GAPS = [/msg="setMyCommands failed/];

export function createSandboxLogger(config: Config, stderr: NodeJS.WritableStream) {
  const onlyProblems = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const line = chunk.toString();
      if (WORTH_SHOWING.test(line) && !EMULATOR_GAPS.some((gap) => gap.test(line)))
        stderr.write(line.endsWith('\n') ? line : `${line}\n`);
      done();
    },
  });
  return createLogger({
    role: config.role,
    level: config.log.level,
    appVersion: config.app.version,
    gitSha: config.app.gitSha,
    logDir: config.paths.logDir,
    stdout: onlyProblems,
  });
}

export type SandboxLogger = ReturnType<typeof createSandboxLogger>;
