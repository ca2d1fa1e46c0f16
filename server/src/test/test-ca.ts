import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { createSelfSignedCertificate } from '../certificates/p12';

/** Names, in the Jest workers, the folder holding the CA the global setup made for the whole run. */
export const TEST_CA_DIR_ENV = 'SHANQIAN_TEST_CA_DIR';

const P12_FILE = 'test-ca.p12';
const PASSWORD = 'test-ca-password';

/**
 * Writes a CA into a new temporary folder (removed when the process exits) and answers the folder.
 * Its PKCS#12 derives its keys with one iteration instead of forge's 2048: every app start opens it
 * (with the same `openP12` as a configured CA), and node-forge's pure-JS key derivation, never warm
 * in a fresh Jest module registry, cost each app start about a quarter of a second at 2048.
 */
export function makeTestCa(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shanqian-test-ca-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const { certificate, privateKey } = createSelfSignedCertificate({ commonName: '闪签云 测试 CA', organization: '闪签云', years: 10, ca: true });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [forge.pki.certificateFromPem(certificate.toString())], PASSWORD, { algorithm: 'aes256', count: 1 });
  writeFileSync(join(dir, P12_FILE), Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), { mode: 0o600 });
  return dir;
}

let caDir: string | undefined;

/**
 * The configuration of the certificate authority given to every test app and server process: the
 * one the global setup made for the whole Jest run (global-setup.ts), else (a Jest configuration
 * without it, as the mini-program's) one per module registry. Generating a CA per app cost each
 * spec file up to a second. A spec that tests the CA's generation passes `SIGN_CA_P12_PATH: ''`.
 */
export function testCaEnv(): { SIGN_CA_P12_PATH: string; SIGN_CA_P12_PASSWORD: string } {
  caDir ??= process.env[TEST_CA_DIR_ENV] ?? makeTestCa();
  return { SIGN_CA_P12_PATH: join(caDir, P12_FILE), SIGN_CA_P12_PASSWORD: PASSWORD };
}
