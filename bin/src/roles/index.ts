// The roles of a Scoreline process: what each consumes, produces and starts (table.ts), and
// how one process composes them (compose.ts). Benches and tests start roles through here too.
export {
  ROLE_ORDER,
  ROLE_STARTERS,
  queuesConsumedBy,
  rolesOf,
  type RoleContext,
  type RoleHandles,
  type RoleName,
  type RoleOptions,
  type RoleStarter,
  type StartContext,
} from './table';
export { chooseRolePredictor, predictConsumed } from './predictor';
export { NO_TOKEN_NOTICE, createRoleQueue, startRoles, type StopRegistry } from './compose';
