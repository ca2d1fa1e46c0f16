/**
 * Two projects: `components` renders pages and components with miniprogram-simulate (jsdom);
 * `services` runs the services layer over real HTTP against the real server (node).
 * The transform is the server's (the services specs load the server's decorated classes).
 */
const server = require('../server/jest.config.js');

const shared = {
  rootDir: __dirname,
  transform: server.transform,
  transformIgnorePatterns: server.transformIgnorePatterns,
  moduleNameMapper: { '^@shanqian/shared$': '<rootDir>/../shared/src/index.ts' },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  testTimeout: 30000,
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/{components,pages,resume,sign}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'services',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{services,utils}/**/*.spec.ts'],
    },
  ],
};
