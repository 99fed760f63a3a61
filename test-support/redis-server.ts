// A redis-server of a test's own on `port`, for outages and restarts the shared one must never
// see. With `dir`, every write is persisted (appendfsync always), so a restart keeps the queue.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export function startRedisServer(port: number, opts: { dir?: string } = {}): ChildProcess {
  const persistence = opts.dir
    ? ['--dir', opts.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--save', '', '--appendonly', 'no'];
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', ...persistence], {
    stdio: 'ignore',
  });
}

/** Stops it with SIGTERM (a no-op when it already exited). */
export async function stopRedisServer(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  await once(proc, 'exit');
}
