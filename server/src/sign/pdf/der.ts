/**
 * Just enough DER to build and read CMS signatures and RFC 3161 time stamps. pkijs/asn1js are ES
 * modules only, which the project's Jest (CommonJS, node_modules not transformed) cannot load, and
 * node-forge's ASN.1 works on binary strings; this works on Buffers and parses lazily, one level
 * at a time, so a hostile input costs at most one pass over the bytes it actually points at.
 */

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** `[n]` context-specific tags: constructed (EXPLICIT, or IMPLICIT over a SEQUENCE/SET) and primitive. */
export const contextTag = (n: number, constructed = true): number => (constructed ? 0xa0 : 0x80) | n;

export class DerError extends Error {
  override readonly name = 'DerError';
}

/** One decoded element. `encoded` and `content` are views into the input, not copies. */
export interface DerElement {
  readonly tag: number;
  readonly encoded: Buffer;
  readonly content: Buffer;
}

/** Reads the element starting at `offset`; trailing bytes after it are the caller's business. */
export function readDer(bytes: Buffer, offset = 0): DerElement {
  if (offset + 2 > bytes.length) throw new DerError('truncated DER header');
  const tag = bytes[offset];
  // Multi-byte tags never occur in the structures read here.
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let length = bytes[offset + 1];
  let headerLength = 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    // 0x80 is BER's indefinite length, which DER forbids; more than 4 length bytes is absurd here.
    if (lengthBytes === 0 || lengthBytes > 4) throw new DerError('unsupported DER length');
    if (offset + 2 + lengthBytes > bytes.length) throw new DerError('truncated DER length');
    length = bytes.readUIntBE(offset + 2, lengthBytes);
    headerLength += lengthBytes;
  }
  const end = offset + headerLength + length;
  if (end > bytes.length) throw new DerError('DER element runs past its container');
  return { tag, encoded: bytes.subarray(offset, end), content: bytes.subarray(offset + headerLength, end) };
}

/** The elements inside a constructed element. */
export function readChildren(element: DerElement): DerElement[] {
  if (!(element.tag & 0x20)) throw new DerError(`tag 0x${element.tag.toString(16)} is not constructed`);
  const children: DerElement[] = [];
  for (let offset = 0; offset < element.content.length; ) {
    const child = readDer(element.content, offset);
    children.push(child);
    offset += child.encoded.length;
  }
  return children;
}

/** Fails unless `element` exists and has `tag`; names `what` in the error for whoever debugs a TSA answer. */
export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (!element || element.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}`);
  return element;
}

export function decodeOid(element: DerElement): string {
  const bytes = expectTag(element, TAG.OID, 'OID').content;
  if (bytes.length === 0) throw new DerError('empty OID');
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of bytes) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
    }
  }
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}

export function decodeGeneralizedTime(element: DerElement): Date {
  const text = expectTag(element, TAG.GENERALIZED_TIME, 'GeneralizedTime').content.toString('latin1');
  // DER requires UTC ("Z") and allows fractional seconds without trailing zeros (RFC 3161 genTime).
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
  if (!match) throw new DerError('malformed GeneralizedTime');
  const [, y, mo, d, h, mi, s, fraction] = match;
  const millis = fraction ? Math.floor(Number(fraction) * 1000) : 0;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, millis));
}

export function encodeDer(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length = body.length;
  let header: Buffer;
  if (length < 0x80) {
    header = Buffer.from([tag, length]);
  } else {
    const lengthBytes = Buffer.alloc(4);
    lengthBytes.writeUInt32BE(length);
    const significant = lengthBytes.subarray(lengthBytes.findIndex((b) => b !== 0));
    header = Buffer.concat([Buffer.from([tag, 0x80 | significant.length]), significant]);
  }
  return Buffer.concat([header, body]);
}

export const derSequence = (...items: Buffer[]): Buffer => encodeDer(TAG.SEQUENCE, ...items);

/** DER sorts the members of a SET OF by their encodings; signatures over signed attributes depend on it. */
export function derSetOf(items: Buffer[], tag: number = TAG.SET): Buffer {
  return encodeDer(tag, ...[...items].sort(Buffer.compare));
}

export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((arc) => BigInt(arc));
  const values = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    const groups = [Number(value & 0x7fn)];
    for (let rest = value >> 7n; rest > 0n; rest >>= 7n) groups.unshift(Number(rest & 0x7fn) | 0x80);
    bytes.push(...groups);
  }
  return encodeDer(TAG.OID, Buffer.from(bytes));
}

/** A non-negative INTEGER from its big-endian magnitude (a serial number, a nonce) or a small number. */
export function derInteger(value: number | Buffer): Buffer {
  let magnitude = value;
  if (typeof magnitude === 'number') {
    const hex = magnitude.toString(16);
    magnitude = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  }
  const firstSignificant = magnitude.findIndex((b) => b !== 0);
  magnitude = firstSignificant < 0 ? Buffer.from([0]) : magnitude.subarray(firstSignificant);
  // A leading 1 bit would read as negative: DER adds one zero byte, and only then.
  return encodeDer(TAG.INTEGER, magnitude[0] & 0x80 ? Buffer.concat([Buffer.from([0]), magnitude]) : magnitude);
}

export const derOctetString = (bytes: Buffer): Buffer => encodeDer(TAG.OCTET_STRING, bytes);
export const derNull = (): Buffer => Buffer.from([TAG.NULL, 0]);
export const derBoolean = (value: boolean): Buffer => encodeDer(TAG.BOOLEAN, Buffer.from([value ? 0xff : 0]));
export const derUtf8 = (text: string): Buffer => encodeDer(TAG.UTF8_STRING, Buffer.from(text, 'utf8'));

export function derGeneralizedTime(date: Date): Buffer {
  // Whole seconds only: DER forbids trailing zeros in fractions, and second precision is what a TSA claims.
  const text = date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:T]/g, '');
  return encodeDer(TAG.GENERALIZED_TIME, Buffer.from(text, 'latin1'));
}
