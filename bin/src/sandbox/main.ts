// `npm run sandbox`: the whole system on a laptop with no token and no network (DESIGN §2).
// A fresh data directory, the bundled history (bootstrapped once into a reusable copy), CSV files
// or a simulated league, a retrain, a local Bot API emulator, every role in this process, and a
// chat with the bot in the terminal.
import { startEmulator } from '@scoreline/bot-api-emulator';
import { REPO_ROOT, type Config } from '@scoreline/config';
import { createDb, migrateLatest, type Db } from '@scoreline/db';
import { acquireRuntimeLock, ALREADY_RUNNING_LINE, flushLogger, errorText } from '@scoreline/ops';
import { join, relative, resolve } from 'node:path';
import { parseSandboxArgs, USAGE, UsageError, type SandboxArgs } from './args';
import { createClosers } from './closers';
import { importFiles, retrainEveryLeague, storeSimulatedLeague } from './data';
import { freshDataDir } from './data-dir';
import { copyHistoryBase, ensureHistoryBase } from './history-base';
import { createSandboxLogger, type SandboxLogger } from './logger';
import { startRoles } from './roles';
import { loadSandboxConfig } from './sandbox-config';
import { SIMULATED_CLUBS, simulateLeague } from './simulated-league';
import { runTerminalChat } from './terminal-chat';

export interface SandboxIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Runs the sandbox until /quit, EOF or a signal; resolves with the exit code. */
export async function main(
  argv: string[],
  io: SandboxIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let args: SandboxArgs;
  try {
    args = parseSandboxArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`${err.message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (args.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }

  const say = (line: string) => io.stdout.write(`${line}\n`);
  const dataDir = resolve(args.dataDir ?? join(REPO_ROOT, '.data', 'sandbox'));
  // The lock sits next to the directory, not in it: the directory is about to be wiped.
  const lock = await acquireRuntimeLock(`${dataDir}.lock`);
  if (!lock.acquired) {
    say(ALREADY_RUNNING_LINE(lock.pid, lock.path));
    return EXIT.ok;
  }

  const stopping = new AbortController();
  const onSignal = () => stopping.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const closers = createClosers();
  closers.add('lock', () => lock.release());
  let logger: SandboxLogger | undefined;
  let code: number = EXIT.ok;
  try {
    try {
      freshDataDir(dataDir);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      io.stderr.write(`${err.message}\n`);
      return EXIT.usage;
    }
    say('Scoreline sandbox: every role in one process, no token, no network.');
    say(`data: ${shortPath(dataDir)} (removed and recreated for this run)`);

    const emulator = await startEmulator();
    closers.add('emulator', () => emulator.stop());
    const config = loadSandboxConfig({
      dataDir,
      telegramApiRoot: emulator.apiRoot,
      port: args.port ?? 0,
      lang: args.lang,
    });
    logger = createSandboxLogger(config, io.stderr);
    if (args.source.kind === 'history') {
      // Bootstrapped once (as `npm start` does on an empty database), then copied each run.
      const base = join(REPO_ROOT, '.data', 'sandbox-base');
      const summary = await ensureHistoryBase(base, config.bootstrap.historyDir, say);
      copyHistoryBase(base, config.paths);
      say(`${summary} (from ${shortPath(base)})`);
    }
    const db = createDb(config.db, { logger });
    closers.add('database', () => db.destroy());
    await migrateLatest(db);

    if (args.source.kind !== 'history') {
      for (const line of await loadHistory(db, args)) say(line);
      for (const line of await retrainEveryLeague(db, config.paths)) say(line);
    }
    if (stopping.signal.aborted) return code;

    const simulated = args.source.kind === 'simulated';
    const { apiUrl } = await startRoles(config, { db, logger, simulated, closers });
    say(`bot: local Bot API emulator at ${emulator.apiRoot} with a fake token`);
    say(`api: ${apiUrl} (/healthz, /readyz, /v1/…, /metrics)`);
    say(`logs: ${shortPath(config.paths.logDir)}`);
    say(chatHint(args, config));
    say('');

    await runTerminalChat({
      chat: emulator.chat(config.telegram.token!, { languageCode: args.lang }),
      input: io.stdin,
      output: io.stdout,
      interactive: io.stdin.isTTY === true,
      color: io.stdout.isTTY === true,
      filesDir: join(dataDir, 'chat-files'),
      signal: stopping.signal,
    });
  } catch (err) {
    io.stderr.write(`sandbox failed: ${errorText(err)}\n`);
    code = EXIT.failure;
  } finally {
    const failed = await closers.closeAll((name, err) =>
      io.stderr.write(`sandbox: closing ${name} failed: ${errorText(err)}\n`),
    );
    if (failed.length > 0) code = EXIT.failure;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (logger) await flushLogger(logger);
  }
  // At a terminal the prompt is still on the last line.
  if (code === EXIT.ok) say(`${io.stdin.isTTY === true ? '\n' : ''}sandbox stopped.`);
  return code;
}

async function loadHistory(db: Db, args: SandboxArgs): Promise<string[]> {
  const source = args.source;
  if (source.kind === 'files') return importFiles(db, source.files, source.league);
  if (source.kind === 'history') return [];
  return storeSimulatedLeague(db, simulateLeague({ seed: source.seed, now: new Date() }));
}

function chatHint(args: SandboxArgs, config: Config): string {
  const example =
    args.source.kind === 'simulated'
      ? `/predict ${firstWord(SIMULATED_CLUBS[0]!.name)} - ${firstWord(SIMULATED_CLUBS[1]!.name)}`
      : args.source.kind === 'history'
        ? '/predict Arsenal - Chelsea'
        : '/predict <home> - <away>';
  return (
    `chat (as ${config.app.defaultLocale === 'ru' ? 'a Russian' : 'an English'}-speaking user): ` +
    `type /help or e.g. ${example}; a bare number presses that button of the latest ` +
    'message with buttons; /quit (or Ctrl+D) stops everything.'
  );
}

const firstWord = (name: string) => name.split(' ')[0]!;

/** Paths inside the repository are shown relative to it: shorter, and the same on every laptop. */
function shortPath(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}
