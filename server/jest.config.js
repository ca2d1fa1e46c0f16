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

const pass = process.env.TEST_DB ?? 'sqlite';
/**
 * Specs tied to one database whatever the pass, left out of the other pass rather than skipped in
 * it (a skipped file still loads its imports). The built server and CLIs these start without
 * DATABASE_URL use the embedded SQLite in both passes: the MariaDB pass would only repeat them.
 * Two server processes need a database they can share: MariaDB.
 */
const sqliteOnly = ['/main\\.e2e-spec\\.ts$', '/redis-startup\\.e2e-spec\\.ts$', '/create-admin\\.cli\\.e2e-spec\\.ts$'];
const mariadbOnly = ['/several-instances\\.e2e-spec\\.ts$'];

module.exports = {
  rootDir: 'src',
  displayName: pass,
  testEnvironment: 'node',
  // Unit specs (`*.spec.ts`) touch no database: they run in the SQLite pass only; the e2e specs in both, but for the above.
  testRegex: pass === 'mariadb' ? '\\.e2e-spec\\.ts$' : '\\.(e2e-)?spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', ...(pass === 'mariadb' ? sqliteOnly : mariadbOnly)],
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  // NestJS 12 and file-type ship ES modules only; Jest runs CommonJS, so they are transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit)/)'],
  moduleNameMapper: { '^@shanqian/shared$': '<rootDir>/../../shared/src/index.ts' },
  // One test CA for the whole run, shared by every test app (test/test-ca.ts).
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
