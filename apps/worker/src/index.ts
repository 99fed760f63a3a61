export {
  startWorkerRole,
  type WorkerHandle,
  type WorkerRoleConfig,
  type WorkerRoleDeps,
} from './role';
export { WORKER_JOBS } from './processors';
