export { startWorker, type WorkerDeps, type WorkerHandle } from './role';
