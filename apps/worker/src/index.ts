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
export { createPredictProcessor } from './processors/predict.processor';
export { createRetrainProcessor } from './processors/retrain.processor';
export { createSyncProcessor, defaultSyncRange } from './processors/sync.processor';
export { createSettleProcessor } from './processors/settle.processor';
export { createMaintenanceProcessor } from './processors/maintenance.processor';
export { createDigestProcessor, digestJobId, isDue } from './processors/digest.processor';
