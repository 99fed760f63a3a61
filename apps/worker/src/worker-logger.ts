/** The logger the worker needs; `@scoreline/ops`' logger satisfies it. */
export interface WorkerLogger {
  info(msg: string, meta?: object): unknown;
  warn(msg: string, meta?: object): unknown;
  error(msg: string, meta?: object): unknown;
}
