/** One suite, two databases: TEST_DB=sqlite (embedded) or TEST_DB=mariadb (127.0.0.1:3306). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: 'src',
  displayName: process.env.TEST_DB ?? 'sqlite',
  testEnvironment: 'node',
  // Unit specs (`*.spec.ts`) touch no database: they run in the SQLite pass only; the e2e specs in both.
  testRegex: process.env.TEST_DB === 'mariadb' ? '\\.e2e-spec\\.ts$' : '\\.(e2e-)?spec\\.ts$',
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  // NestJS 12 and file-type ship ES modules only; Jest runs CommonJS, so they are transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit)/)'],
  moduleNameMapper: { '^@shanqian/shared$': '<rootDir>/../../shared/src/index.ts' },
  testTimeout: 30000,
  maxWorkers: 2,
};
