export {
  startWorkerRole,
  type WorkerHandle,
  type WorkerRoleConfig,
  type WorkerRoleDeps,
} from './role';
