/**
 * Reads every signature of an uploaded PDF: who signed, in which role, when, whether it verifies
 * and how much of the file it covers. The input is untrusted (a public upload), so the work is
 * bounded (at most MAX_SIGNATURES signatures, a capped field walk, capped /Contents) and anything
 * malformed reads as "no signature" or "invalid" instead of throwing.
 */
import { X509Certificate } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRef, PDFString } from 'pdf-lib';
import { attributeValues, fingerprintSha256, OID, parseSignedData, verifySignedData } from './cms';
import { DerElement } from './der';
import { ROLE_KEY, SUBFILTER_RFC3161 } from './pades-signer';
import { verifyTimestampToken } from './timestamp-client';

/** worker / employer from the signature's /ShanqianRole, timestamp for a document time stamp, else unknown. */
export type SignatureRole = 'worker' | 'employer' | 'timestamp' | 'unknown';

export interface SignatureInspection {
  /** The field's fully qualified name (/T of it and its parents, joined by dots), null if it has none. */
  fieldName: string | null;
  /** Trust it only when `valid`: the role key is inside the bytes the signature covers. */
  role: SignatureRole;
  subFilter: string | null;
  /** The signer's certificate (DER) the CMS names (for a document time stamp, the TSA's), null if absent or unreadable. */
  certificate: Buffer | null;
  /** SHA-256 of `certificate`, lowercase hex. */
  certificateSha256: string | null;
  /** The certificate subject's CN. */
  commonName: string | null;
  /** /M, the time the signer states; for a document time stamp, the TSA's genTime. */
  signingTime: Date | null;
  /** genTime of an RFC 3161 time stamp that verifies: the signature's own (in its CMS), or the document time stamp itself. */
  timestampTime: Date | null;
  /** The CMS (or time-stamp token) verifies over the bytes of its ByteRange. */
  valid: boolean;
  /** The ByteRange reaches the end of the revision holding the signature (its %%EOF). */
  coversRevision: boolean;
  /** The ByteRange reaches the end of the file: nothing was appended after this signature. */
  coversWholeFile: boolean;
  /** [0, before /Contents, after /Contents, to the end of what it covers]: the bytes it signs, for an offline check. */
  byteRange: [number, number, number, number];
}

const MAX_SIGNATURES = 8;
/** Fields visited at most, kids included: a crafted form cannot make the walk long. */
const MAX_FIELDS = 256;
const MAX_FIELD_DEPTH = 8;
/** Far above any real CMS or token (ours are a few KB); refuses a crafted ByteRange that would have us decode megabytes of hex. */
const MAX_CONTENTS_BYTES = 256 * 1024;
/** `%PDF-` must start within this many bytes (some producers put junk before it, as readers tolerate). */
const HEADER_WINDOW = 1024;

interface SignatureField {
  fieldName: string | null;
  signature: PDFDict;
}

/** The filled signatures of `pdf` in file order (by where their ByteRange ends), at most MAX_SIGNATURES. */
export async function inspectSignatures(pdf: Buffer): Promise<SignatureInspection[]> {
  if (pdf.subarray(0, HEADER_WINDOW).indexOf('%PDF-') < 0) return [];
  let fields: SignatureField[];
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    fields = signatureFields(doc);
  } catch {
    return [];
  }
  const inspections = fields.flatMap((field) => {
    try {
      const inspection = inspect(pdf, field);
      return inspection ? [inspection] : [];
    } catch {
      return [];
    }
  });
  return inspections.sort((a, b) => a.end - b.end).slice(0, MAX_SIGNATURES).map(({ end: _, ...inspection }) => inspection);
}

/** Signature fields with a signature dictionary (/FT /Sig, /V), walking /Fields and their /Kids. */
function signatureFields(doc: PDFDocument): SignatureField[] {
  const { context } = doc;
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const roots = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray)?.asArray() ?? [];
  const found: SignatureField[] = [];
  const seen = new Set<string>();
  const stack = roots.map((entry) => ({ entry, parentName: null as string | null, depth: 0, inheritedType: null as PDFObject | null }));
  let visited = 0;
  while (stack.length && visited < MAX_FIELDS && found.length < MAX_SIGNATURES * 2) {
    const { entry, parentName, depth, inheritedType } = stack.pop()!;
    if (entry instanceof PDFRef) {
      if (seen.has(entry.tag)) continue;
      seen.add(entry.tag);
    }
    const field = context.lookup(entry);
    if (!(field instanceof PDFDict)) continue;
    visited++;
    const partial = text(field.lookup(PDFName.of('T')));
    const fieldName = partial === null ? parentName : parentName === null ? partial : `${parentName}.${partial}`;
    const type = field.get(PDFName.of('FT')) ?? inheritedType;
    const signature = field.lookup(PDFName.of('V'));
    if (type === PDFName.of('Sig') && signature instanceof PDFDict) found.push({ fieldName, signature });
    const kids = depth < MAX_FIELD_DEPTH ? (field.lookup(PDFName.of('Kids')) as PDFObject | undefined) : undefined;
    if (kids instanceof PDFArray) {
      for (const kid of kids.asArray()) stack.push({ entry: kid, parentName: fieldName, depth: depth + 1, inheritedType: type ?? null });
    }
  }
  return found;
}

function inspect(pdf: Buffer, { fieldName, signature }: SignatureField): (SignatureInspection & { end: number }) | null {
  const range = byteRangeOf(pdf, signature);
  if (!range) return null;
  const { chunks, contents, end } = range;
  const name = (key: string) => signature.lookupMaybe(PDFName.of(key), PDFName)?.decodeText() ?? null;
  const subFilter = name('SubFilter');
  const isTimestamp = name('Type') === 'DocTimeStamp' || subFilter === SUBFILTER_RFC3161;
  const roleKey = name(ROLE_KEY);
  const base = {
    fieldName,
    role: (isTimestamp ? 'timestamp' : roleKey === 'worker' || roleKey === 'employer' ? roleKey : 'unknown') as SignatureRole,
    subFilter,
    coversRevision: coversItsRevision(pdf, range.contentsEnd, end),
    coversWholeFile: end === pdf.length,
    byteRange: range.byteRange,
    end,
  };
  if (isTimestamp) {
    try {
      const info = verifyTimestampToken(contents, chunks);
      return { ...base, ...certificateFields(info.signerCertificate), signingTime: info.genTime, timestampTime: info.genTime, valid: true };
    } catch {
      return { ...base, ...certificateFields(tokenCertificate(contents)), signingTime: null, timestampTime: null, valid: false };
    }
  }
  const signingTime = dateOf(signature.lookup(PDFName.of('M')));
  try {
    const parsed = parseSignedData(contents);
    const { valid, signerCertificate } = verifySignedData(parsed, chunks);
    const timestampTime = valid ? signatureTimestamp(parsed.signerInfo.unsignedAttributes, parsed.signerInfo.signature) : null;
    return { ...base, ...certificateFields(signerCertificate), signingTime, timestampTime, valid };
  } catch {
    // Not CMS we can read (or a key type Node refuses): a signature is there, but not a valid one.
    return { ...base, ...certificateFields(null), signingTime, timestampTime: null, valid: false };
  }
}

/**
 * The two signed chunks and the CMS bytes of `signature`, when its /ByteRange describes a sane
 * layout whose gap is exactly this dictionary's own filled /Contents (so a ByteRange cannot borrow
 * another signature's); null otherwise, or for a placeholder never filled.
 */
function byteRangeOf(pdf: Buffer, signature: PDFDict): { byteRange: SignatureInspection['byteRange']; chunks: Buffer[]; contents: Buffer; contentsEnd: number; end: number } | null {
  const numbers = signature
    .lookupMaybe(PDFName.of('ByteRange'), PDFArray)
    ?.asArray()
    .map((item) => (item instanceof PDFNumber ? item.asNumber() : NaN));
  if (numbers?.length !== 4 || !numbers.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
  const [start, firstLength, secondStart, secondLength] = numbers;
  const gap = secondStart - firstLength;
  const sane =
    start === 0 &&
    firstLength > 0 &&
    gap >= 2 &&
    gap <= MAX_CONTENTS_BYTES * 2 + 2 &&
    secondStart + secondLength <= pdf.length &&
    pdf[firstLength] === 0x3c /* < */ &&
    pdf[secondStart - 1] === 0x3e; /* > */
  const stored = signature.get(PDFName.of('Contents'));
  if (!sane || !(stored instanceof PDFHexString)) return null;
  const hex = pdf.subarray(firstLength + 1, secondStart - 1).toString('latin1');
  if (hex.length % 2 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const contents = Buffer.from(hex, 'hex');
  // An all-zero /Contents is a placeholder that was never filled.
  if (!contents.some((byte) => byte !== 0) || !contents.equals(Buffer.from(stored.asBytes()))) return null;
  return {
    byteRange: [start, firstLength, secondStart, secondLength],
    chunks: [pdf.subarray(0, firstLength), pdf.subarray(secondStart, secondStart + secondLength)],
    contents,
    contentsEnd: secondStart,
    end: secondStart + secondLength,
  };
}

/** Whether `end` is the end of the revision holding the signature: its first `startxref … %%EOF` after /Contents, plus the line end. */
function coversItsRevision(pdf: Buffer, contentsEnd: number, end: number): boolean {
  for (let at = pdf.indexOf('%%EOF', contentsEnd); at >= 0; at = pdf.indexOf('%%EOF', at + 5)) {
    if (!/startxref\s+\d+\s*$/.test(pdf.toString('latin1', Math.max(contentsEnd, at - 40), at))) continue;
    const eofEnd = at + 5;
    let lineEnd = eofEnd;
    if (pdf[lineEnd] === 0x0d) lineEnd++;
    if (pdf[lineEnd] === 0x0a) lineEnd++;
    return end >= eofEnd && end <= lineEnd;
  }
  return false;
}

function certificateFields(certificate: Buffer | null): Pick<SignatureInspection, 'certificate' | 'certificateSha256' | 'commonName'> {
  if (!certificate) return { certificate: null, certificateSha256: null, commonName: null };
  let commonName: string | null = null;
  try {
    const line = new X509Certificate(certificate).subject.split('\n').find((part) => part.startsWith('CN='));
    commonName = line ? line.slice(3) : null;
  } catch {
    // A certificate Node cannot read still has a fingerprint.
  }
  return { certificate, certificateSha256: fingerprintSha256(certificate), commonName };
}

/** The certificate a time-stamp token names, for reporting an invalid one; null when unreadable. */
function tokenCertificate(token: Buffer): Buffer | null {
  try {
    const parsed = parseSignedData(token);
    return verifySignedData(parsed, parsed.content ? [parsed.content] : []).signerCertificate;
  } catch {
    return null;
  }
}

/** genTime of the signature time stamp, if there is one that verifies and covers `signatureValue`. */
function signatureTimestamp(unsignedAttributes: DerElement | null, signatureValue: Buffer): Date | null {
  const [token] = attributeValues(unsignedAttributes, OID.signatureTimeStampToken);
  if (!token) return null;
  try {
    return verifyTimestampToken(token.encoded, [signatureValue]).genTime;
  } catch {
    return null;
  }
}

function text(object: PDFObject | undefined): string | null {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : null;
}

function dateOf(object: PDFObject | undefined): Date | null {
  try {
    return object instanceof PDFString || object instanceof PDFHexString ? object.decodeDate() : null;
  } catch {
    return null;
  }
}
