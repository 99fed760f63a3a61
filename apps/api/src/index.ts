export { createApp, type ApiDeps } from './app';
export { startApi, type ApiHandle, type RoleLogger } from './role';
export type { ApiLogger } from './request-log';
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
