// One Jest config for the monorepo: a project per workspace, TypeScript through ts-jest.
// Sibling packages resolve to their sources, so tests never run a stale build.
const path = require('node:path');

const workspaces = [
  'packages/config',
  'packages/ops',
  'packages/model',
  'packages/db',
  'packages/queue',
  'packages/feeds',
  'packages/training',
  'packages/bot-api-emulator',
  'apps/api',
  'apps/worker',
  'apps/tgbot',
  'apps/cli',
  'bin',
];

const project = (dir) => ({
  displayName: dir,
  rootDir: path.join(__dirname, dir),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, dir, 'tsconfig.json') }],
  },
  moduleNameMapper: {
    '^@scoreline/(api|worker|tgbot|cli)$': path.join(__dirname, 'apps/$1/src'),
    '^@scoreline/([^/]+)$': path.join(__dirname, 'packages/$1/src'),
    '^@test-support/(.*)$': path.join(__dirname, 'test-support/$1'),
  },
});

module.exports = {
  globalSetup: './test-support/global-setup.js',
  projects: workspaces.map(project),
  testTimeout: 30000,
};
