import { Writable } from 'node:stream';
import { stdoutLogStream } from './log-stream';

/** A stdout that keeps what it is given, on a terminal or not. */
function fakeStdout(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: () => Buffer.concat(chunks).toString('utf8') }) as unknown as NodeJS.WriteStream & { text: () => string };
}

const line = `${JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 2, 3, 4, 5), pid: 1, hostname: 'h', context: 'Bootstrap', msg: '闪签云 server listening' })}\n`;

describe('stdoutLogStream', () => {
  it('writes readable lines for a person at a terminal in development', async () => {
    const stdout = fakeStdout(true);
    const stream = stdoutLogStream({ production: false }, stdout);
    expect(stream).not.toBe(stdout);
    stream.write(line);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stdout.text()).toMatch(/INFO.*闪签云 server listening/);
    expect(stdout.text()).not.toContain('{"level"');
  });

  it('leaves JSON lines as they are when stdout is no terminal, and always in production', () => {
    for (const [production, isTTY] of [[false, false], [true, true], [true, false]] as const) {
      const stdout = fakeStdout(isTTY);
      expect(stdoutLogStream({ production }, stdout)).toBe(stdout);
    }
  });
});
