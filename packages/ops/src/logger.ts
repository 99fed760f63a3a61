import path from 'node:path';
import { finished } from 'node:stream/promises';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import { errorToObject, formatLogfmt, safeJson, type LogfmtFields } from './logfmt';
import { normalizeLogLevel } from './log-level';
import { redactDeep, redactSecrets } from './redact';
import { isError } from './is-error';

// winston keeps the level/format state under these registered symbols (triple-beam).
const LEVEL = Symbol.for('level');
const SPLAT = Symbol.for('splat');

/**
 * The one logger type: what every module that logs takes. The process logger ({@link createLogger})
 * fits it, and so does a test's recording logger; a module that needs fewer levels takes a
 * `Pick<Logger, …>`, so a caller can hand it anything from the whole logger to one function.
 */
export interface Logger {
  error(message: string, meta?: object): unknown;
  warn(message: string, meta?: object): unknown;
  info(message: string, meta?: object): unknown;
  debug?(message: string, meta?: object): unknown;
  /** winston's: lets a hot path skip building a line nobody will see. */
  isLevelEnabled?(level: string): boolean;
}

/** Options for {@link createLogger}. */
export interface CreateLoggerOptions {
  role: string;
  /** winston npm level (error|warn|info|http|verbose|debug|silly); Python names are mapped. */
  level: string;
  appVersion: string;
  gitSha: string;
  /** When set, JSON lines also go to `logDir/app_<role>_%DATE%.json.log` (10 MB × 5). */
  logDir?: string;
  /** Where logfmt lines go; default `process.stdout`. */
  stdout?: NodeJS.WritableStream;
  /** Clock for the `ts` field (tests). */
  now?: () => Date;
  /** File rotation; default `{ maxSize: '10m', maxFiles: 5 }` (LOG_DIR contract). */
  rotation?: { maxSize: string; maxFiles: number };
}

/** Fields every line starts with, in this order. */
const HEAD_KEYS = ['ts', 'level', 'role', 'app_version', 'git_sha', 'msg'] as const;
const TAIL_KEYS = ['err', 'stack'] as const;
const RESERVED = new Set<string>([...HEAD_KEYS, ...TAIL_KEYS, 'message']);

type Info = winston.Logform.TransformableInfo;

/**
 * Creates the process logger: logfmt on stdout and, with `logDir`, rotated JSON files.
 * Every line carries `role`, `app_version` and `git_sha`; secrets are redacted from the
 * message, all metadata and error messages/stacks before either output formats the line.
 */
export function createLogger(opts: CreateLoggerOptions): winston.Logger {
  const stdout = opts.stdout ?? process.stdout;
  const base = { role: opts.role, app_version: opts.appVersion, git_sha: opts.gitSha };
  const now = opts.now ?? (() => new Date());

  const logger = winston.createLogger({
    level: normalizeLogLevel(opts.level),
    format: winston.format((info) => prepare(info, base, now()))(),
    transports: [
      new winston.transports.Stream({
        stream: stdout,
        format: winston.format.printf((info) => formatLogfmt(orderedFields(info))),
      }),
    ],
    exitOnError: false,
  });
  // A transport error is re-emitted on the logger; without a listener it would crash us.
  logger.on('error', () => undefined);

  if (opts.logDir !== undefined) {
    try {
      const rotation = opts.rotation ?? { maxSize: '10m', maxFiles: 5 };
      logger.add(createFileTransport(opts.role, opts.logDir, rotation, stdout, base, now));
    } catch (err) {
      logger.warn('File logging disabled: cannot use log directory', {
        log_dir: opts.logDir,
        err,
      });
    }
  }
  return logger;
}

function createFileTransport(
  role: string,
  logDir: string,
  rotation: { maxSize: string; maxFiles: number },
  stdout: NodeJS.WritableStream,
  base: Record<string, string>,
  now: () => Date,
): DailyRotateFile {
  const safeRole = role.replace(/[^A-Za-z0-9_-]/g, '_');
  const transport = new DailyRotateFile({
    dirname: logDir,
    filename: `app_${safeRole}_%DATE%`,
    extension: '.json.log',
    datePattern: 'YYYY-MM-DD',
    utc: true,
    maxSize: rotation.maxSize,
    maxFiles: rotation.maxFiles,
    auditFile: path.join(logDir, `.app_${safeRole}_audit.json`),
    format: winston.format.printf((info) => safeJson(Object.fromEntries(orderedFields(info)))),
  });
  // An fs error (disk full, directory removed) must cost us the file copy, not the process.
  // It is reported straight to stdout: logging it through the logger would loop into the file.
  const reported = new Set<string>();
  const onError = (err: unknown): void => {
    const code = (err as { code?: string } | null)?.code ?? 'EUNKNOWN';
    if (reported.has(code)) return;
    reported.add(code);
    const info = prepare(
      { level: 'warn', message: 'Log file write failed', log_dir: logDir, err },
      base,
      now(),
    );
    stdout.write(`${formatLogfmt(orderedFields(info))}\n`);
  };
  transport.on('error', onError);
  fileStreamOf(transport)?.on('error', onError);
  return transport;
}

/** Normalises errors, redacts, and stamps the base fields. */
function prepare(info: Info, base: Record<string, string>, at: Date): Info {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(info)) {
    if (key !== 'level' && key !== 'message') fields[key] = value;
  }

  let err: Error | undefined;
  let message: unknown = info.message;
  // The error's own fields were merged into info (logger.error(err), logger.warn(msg, err));
  // they come back below as err_<key>, so drop the merged copies.
  let mergedKeys: string[] = [];
  if (isError(info)) {
    err = info;
    mergedKeys = Object.keys(info);
  }
  if (isError(message)) {
    err = message;
    message = message.message;
  }
  for (const key of ['err', 'error']) {
    if (isError(fields[key])) {
      err ??= fields[key];
      delete fields[key];
    }
  }
  const splat = (info as unknown as Record<symbol, unknown>)[SPLAT];
  const splatErr = Array.isArray(splat) && isError(splat[0]) ? splat[0] : undefined;
  if (!err && splatErr) {
    // logger.warn('msg', err) appends err.message to the message; undo that, use err=.
    err = splatErr;
    const suffix = ` ${splatErr.message}`;
    if (typeof message === 'string' && message.endsWith(suffix)) {
      message = message.slice(0, -suffix.length);
    }
    mergedKeys = Object.keys(splatErr);
  }
  if (err) {
    for (const key of mergedKeys) delete fields[key];
    delete fields.stack;
    delete fields.cause;
    const extra = errorToObject(err);
    // winston stamps `level` onto an error object logged directly.
    for (const key of ['name', 'message', 'stack', 'level']) delete extra[key];
    if (err.name !== 'Error') fields.err_name = err.name;
    for (const [key, value] of Object.entries(extra)) fields[`err_${key}`] ??= value;
  }

  const text =
    typeof message === 'string' ? message : message === undefined ? '' : safeJson(message);
  const redacted = redactDeep(fields);
  const out: Info = {
    level: info.level,
    message: redactSecrets(text),
    ...redacted,
    ts: at.toISOString(),
    ...base,
  };
  if (err) {
    out.err = redactSecrets(String(err.message));
    if (err.stack) out.stack = redactSecrets(err.stack);
  }
  const sym = out as unknown as Record<symbol, unknown>;
  sym[LEVEL] = (info as unknown as Record<symbol, unknown>)[LEVEL];
  return out;
}

function orderedFields(info: Info): LogfmtFields {
  const rec = info as Record<string, unknown>;
  const fields: LogfmtFields = [
    ['ts', rec.ts],
    ['level', info.level],
    ['role', rec.role],
    ['app_version', rec.app_version],
    ['git_sha', rec.git_sha],
    ['msg', info.message],
  ];
  for (const [key, value] of Object.entries(rec)) {
    if (!RESERVED.has(key) && key !== 'level') fields.push([key, value]);
  }
  for (const key of TAIL_KEYS) if (rec[key] !== undefined) fields.push([key, rec[key]]);
  return fields;
}

/** The fs stream a daily-rotate transport writes to (not part of its typings). */
function fileStreamOf(transport: unknown): NodeJS.EventEmitter | undefined {
  const stream = (transport as { logStream?: NodeJS.EventEmitter }).logStream;
  return stream && typeof stream.on === 'function' ? stream : undefined;
}

/** Options for {@link flushLogger}. */
export interface FlushLoggerOptions {
  /** Upper bound on the wait; default 3000 ms. */
  timeoutMs?: number;
}

/**
 * Ends the logger and resolves once every transport has handed its last line to the OS (the
 * rotating file's underlying fs stream has finished, stdout has drained), or after
 * `timeoutMs` at most, so the process can exit without losing its last lines.
 */
export async function flushLogger(
  logger: winston.Logger,
  opts: FlushLoggerOptions = {},
): Promise<void> {
  const transports = [...logger.transports];
  const work = (async () => {
    if (!logger.writableEnded) logger.end();
    await finished(logger, { readable: false }).catch(() => undefined);
    await Promise.all(transports.map((t) => drainTransport(t)));
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, opts.timeoutMs ?? 3000);
    timer.unref();
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function drainTransport(transport: unknown): Promise<void> {
  // winston's own 'finish' fires once lines are queued, not written: wait on the fs stream.
  const fileStream = fileStreamOf(transport) as
    (NodeJS.EventEmitter & { end(cb: () => void): void }) | undefined;
  if (fileStream && typeof fileStream.end === 'function') {
    await new Promise<void>((resolve) => fileStream.end(() => resolve()));
    return;
  }
  const stream = (
    transport as {
      _stream?: NodeJS.WritableStream & { writableLength?: number; destroyed?: boolean };
    }
  )._stream;
  if (stream && !stream.destroyed && (stream.writableLength ?? 0) > 0) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
      stream.on('error', done);
    });
  }
}
