// Delivery side of the tgbot role: the shared send-rate limiter, the outbox consumer, and the
// Redis lease that lets only one container poll.
export {
  createSendRateLimiter,
  type SendRateLimiter,
  type SendRateLimiterOptions,
} from './send-rate-limiter';
export {
  createOutboxProcessor,
  type OutboxProcessorDeps,
  type SendMessage,
} from './outbox-processor';
export { createOutboxTelegram } from './outbox-client';
export { restoreGroupWindow } from './group-window';
export {
  createPollingLease,
  type LeaseLostInfo,
  type PollingLease,
  type PollingLeaseOptions,
} from './polling-lease';
