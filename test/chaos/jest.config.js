// The chaos suite (npm run test:chaos): its own jest config, so `npm test` never runs it. Same
// TypeScript transform as the e2e project; none of its database setup (the suite runs its own servers).
const root = require('../../jest.config.js');
const { globalSetup, globalTeardown, setupFiles, ...e2e } = root.projects.find((p) => p.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'chaos',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
  testTimeout: 10 * 60_000,
  forceExit: true,
};
