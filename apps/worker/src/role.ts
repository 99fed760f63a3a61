import { startHeartbeat, type HeartbeatStore } from '@scoreline/ops';

export interface WorkerDeps {
  logger: { info(msg: string, meta?: object): unknown; warn(msg: string, meta?: object): unknown };
  heartbeats: HeartbeatStore;
  /** Identifies this process among replicas in heartbeats (host:pid). */
  instance: string;
}

export interface WorkerHandle {
  name: 'worker';
  stop(): Promise<void>;
}

/**
 * Starts the worker role. Job processors and schedulers are registered here as they are built;
 * for now the role proves it is alive through its heartbeat.
 */
export function startWorker(deps: WorkerDeps): Promise<WorkerHandle> {
  const heartbeat = startHeartbeat({
    store: deps.heartbeats,
    role: 'worker',
    instance: deps.instance,
    logger: deps.logger,
  });
  deps.logger.info('worker started', { instance: deps.instance });
  return Promise.resolve({
    name: 'worker',
    stop: () => heartbeat.stop(),
  });
}
