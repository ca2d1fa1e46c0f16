import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import type { Response } from 'superagent';

/** supertest parser keeping a binary body (a ZIP) as a Buffer. */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/**
 * Unpacks an evidence package and runs, with bash in the unpacked folder, exactly the commands its
 * README.txt gives (sha256sum, pdfsig, openssl verify, openssl ts -verify, jq), checking each says
 * what the README promises: what a court's expert would do, without 闪签云.
 */
export async function checkEvidenceOffline(zip: Buffer, signedSha256: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-'));
  try {
    for (const [name, bytes] of Object.entries(unzipSync(zip))) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), bytes);
    }
    const readme = await readFile(join(dir, 'README.txt'), 'utf8');
    const evidence = JSON.parse(await readFile(join(dir, 'evidence.json'), 'utf8'));
    const commands = readme.split('\n').filter((line) => /^ {5}\S/.test(line)).map((line) => line.trim());
    const run = async (command: string) => (await promisify(execFile)('bash', ['-o', 'pipefail', '-c', command], { cwd: dir })).stdout;
    const outputs = new Map<string, string>();
    for (const command of commands) outputs.set(command, await run(command));
    const of = (prefix: string) => [...outputs].filter(([command]) => command.startsWith(prefix)).map(([, output]) => output);

    expect(of('sha256sum contract.pdf')).toEqual([`${signedSha256}  contract.pdf\n`]);
    expect(evidence.files.signed_sha256).toBe(signedSha256);
    expect(evidence.seal_authorization).toMatchObject({ authorized: true, by: expect.any(String), at: expect.any(String) });
    expect(of('pdfsig').join('').match(/Signature is Valid\./g)).toHaveLength(2);
    expect(of('openssl verify')).toEqual(['certificates/worker.pem: OK\n', 'certificates/employer.pem: OK\n']);
    expect(of('(head -c')).toEqual([`${evidence.time_stamp.imprint_sha256}  -\n`]);
    expect(of('openssl ts -verify')).toEqual(['Verification: OK\n']);
    const [recomputed, stored] = of('jq');
    expect(recomputed.replace(/ {2}-$/gm, '')).toBe(stored);
    expect(evidence.events.map((e: { prev_hash: string | null }) => e.prev_hash)).toEqual([null, ...evidence.events.slice(0, -1).map((e: { hash: string }) => e.hash)]);
    expect(evidence.event_chain).toMatchObject({ ok: true, head: evidence.events[evidence.events.length - 1].hash });
    expect(readme).toContain(evidence.event_chain.head_on_audit_page);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
