export { createApp, type ApiDeps } from './app';
export { startApi, type ApiHandle } from './role';
