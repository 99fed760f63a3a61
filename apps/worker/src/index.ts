export {
  startWorkerRole,
  type WorkerHandle,
  type WorkerRoleConfig,
  type WorkerRoleDeps,
} from './role';
// The sandbox settles its simulated track record with the same processor.
export { createSettleProcessor } from './processors/settle.processor';
export { WORKER_JOBS } from './processors';
// bench/predict-throughput.js measures the predict processor over its champion cache.
export { createPredictProcessor } from './processors/predict.processor';
