export {
  startWorker,
  startWorkerRole,
  type WorkerDeps,
  type WorkerHandle,
  type WorkerRoleConfig,
  type WorkerRoleDeps,
} from './role';
export { createProcessors, WORKER_JOBS, type ProcessorDeps } from './processors';
export { registerSchedules, wantedSchedules, SCHEDULE_IDS, SCHEDULE_TZ } from './schedules';
export { createJobMetrics, type JobMetrics } from './job-metrics';
export { createChampionCache, type ChampionCache } from './champion-cache';
