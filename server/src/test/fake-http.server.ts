import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request as a fake third party received it. */
export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body as received, for binary protocols (an RFC 3161 query). */
  rawBody: Buffer;
}

/**
 * The fake's reply: a body (an object is sent as JSON, a Buffer as is) with its HTTP status and
 * type and any extra headers (Retry-After); null never answers (the client's timeout has to end it).
 */
export type FakeAnswer = { body: object | Buffer; status?: number; contentType?: string; headers?: Record<string, string> } | null;

/**
 * A local stand-in for a third party's HTTP API on a port of its own: it keeps every request it
 * received (`requests`) and replies what `answer` decides.
 */
export abstract class FakeHttpServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks);
        const request: ReceivedRequest = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://fake'),
          headers: req.headers,
          body: rawBody.toString('utf8'),
          rawBody,
        };
        this.requests.push(request);
        const answer = this.answer(request);
        if (!answer) return;
        res.writeHead(answer.status ?? 200, { ...answer.headers, 'Content-Type': answer.contentType ?? 'application/json' });
        res.end(Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body));
      });
    });
  }

  protected abstract answer(request: ReceivedRequest): FakeAnswer;

  /** Listens on a free loopback port; answers the base URL, e.g. `http://127.0.0.1:40123`. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
