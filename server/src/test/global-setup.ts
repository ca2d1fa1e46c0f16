import { makeTestCa, TEST_CA_DIR_ENV } from './test-ca';

/**
 * Once per Jest run, before the workers start (they inherit the environment): the test CA that
 * every test app of the run shares, so that no spec file pays for an RSA key and a PKCS#12 of its own.
 */
export default function globalSetup(): void {
  process.env[TEST_CA_DIR_ENV] = makeTestCa();
}
