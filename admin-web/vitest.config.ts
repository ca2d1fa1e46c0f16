import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const shared = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));

/**
 * Two projects: the components in jsdom (fast, no server), and the browser specs, which start the
 * built server as `npm start` does and drive Debian's Chromium through playwright-core.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@shanqian/shared': shared } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'components', environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'], setupFiles: ['./src/test/setup.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          // One server and one browser for every spec file, which run one after another.
          globalSetup: ['./e2e/support/global-setup.ts'],
          fileParallelism: false,
          // A page on a loaded 2-core machine can take seconds to settle: polls wait as long as a locator does.
          expect: { poll: { timeout: 30_000 } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // `npm run screenshots`: the same server and demo data, a PNG of each main page into docs/console/.
          name: 'screenshots',
          environment: 'node',
          include: ['scripts/screenshots.e2e.ts'],
          globalSetup: ['./e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
