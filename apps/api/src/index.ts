export { createApp, type ApiDeps } from './app';
export { startApi, type ApiHandle } from './role';
export {
  combine,
  createReadiness,
  type Check,
  type CheckName,
  type CheckStatus,
  type Checks,
  type Readiness,
  type ReadinessReport,
} from './readiness';
