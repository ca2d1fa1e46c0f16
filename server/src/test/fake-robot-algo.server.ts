import { FakeAnswer, FakeHttpServer, ReceivedRequest } from './fake-http.server';

/**
 * ok: a reply and an intent; slow: never answers (the client's timeout ends it); failing: HTTP 500;
 * malformed: JSON without `reply`; not_json: an HTML page; oversized: a body past the client's limit;
 * redirecting: 302 to another address, which must not be followed.
 */
export type FakeRobotAlgoMode = 'ok' | 'slow' | 'failing' | 'malformed' | 'not_json' | 'oversized' | 'redirecting';

/** A recruiting robot's algorithm backend (docs/robot.md): answers `POST <path>` as `mode` says. */
export class FakeRobotAlgoServer extends FakeHttpServer {
  mode: FakeRobotAlgoMode = 'ok';
  answerWith = { reply: '这个岗位做五休二，包住宿。', intent: 'ask_detail' };
  /** Where `redirecting` points: a test checks that nothing ever arrives there. */
  redirectTo = 'http://127.0.0.1:9/elsewhere';

  protected answer(_: ReceivedRequest): FakeAnswer {
    switch (this.mode) {
      case 'ok':
        return { body: this.answerWith };
      case 'slow':
        return null;
      case 'failing':
        return { status: 500, body: { error: 'internal' } };
      case 'malformed':
        return { body: { intent: 'ask_detail' } };
      case 'not_json':
        return { body: Buffer.from('<html>502 Bad Gateway</html>'), contentType: 'text/html' };
      case 'oversized':
        return { body: { reply: 'x'.repeat(100 * 1024), intent: null } };
      case 'redirecting':
        return { status: 302, body: {}, headers: { Location: this.redirectTo } };
    }
  }
}
