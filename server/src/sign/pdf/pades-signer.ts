/**
 * PAdES signatures (ETSI.CAdES.detached, SHA-256, ESS signing-certificate-v2) and RFC 3161 document
 * time stamps (ETSI.RFC3161), each appended to the file as an incremental update: a signature covers
 * the file up to the end of its own revision, so the signatures of a two-party contract (worker,
 * then employer, then the time stamp) each stay valid for the revision they cover, and a change to
 * any earlier byte breaks them.
 */
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRef, PDFString } from 'pdf-lib';
import { CmsSigner, draftSignedData, OID } from './cms';
import { IncrementalUpdate } from './incremental-update';
import { requestTimestamp, TimestampTokenInfo } from './timestamp-client';

export { TimestampError } from './timestamp-client';

/**
 * Bytes reserved for the CMS or the time-stamp token (twice that in hex in the file). Ours is
 * ~1.4 KB plus ~1 KB per chain certificate, a TSA's token ~2-3 KB; a CA's and a TSA's chains can add a few KB.
 */
const SIGNATURE_BYTES = 16384;
/** Print + Locked: the signature widget can be neither hidden nor moved. */
const WIDGET_FLAGS = 4 | 128;
export const SUBFILTER_RFC3161 = 'ETSI.RFC3161';
/**
 * Which party a signature is, a key of the signature dictionary: inside the bytes the signature
 * covers, so a valid signature vouches for its own role. Values: /worker, /employer.
 */
export const ROLE_KEY = 'ShanqianRole';
export type SignerRole = 'worker' | 'employer';
/** Field names of the two parties' signatures and of the time stamp (UTF-16 in the file). */
export const FIELD_NAMES = { worker: '劳动者签名', employer: '用人单位盖章', timestamp: '文档时间戳' } as const;

/** A signature dictionary's entries besides /ByteRange and /Contents; strings are names. */
type SignatureEntries = Record<string, PDFObject | string | undefined>;

export interface SignatureMeta {
  reason: string;
  name: string;
  location?: string;
  contactInfo?: string;
  /** Written to /M. PAdES forbids signingTime among the signed attributes; a time stamp is the proof. */
  signingTime: Date;
  /** Written as /ShanqianRole; a signature without it reads as role unknown. */
  role?: SignerRole;
}

/** Where a signature shows: its field, its box on a page, and what is drawn in the box. */
export interface SignatureWidget {
  fieldName: string;
  /** 0-based; negative counts from the end (-1: the last page). */
  pageIndex: number;
  /** [x1 y1 x2 y2] in page points; all zero for an invisible signature. */
  rect: [number, number, number, number];
  /** Registers in `doc` a Form XObject with BBox [0 0 width height], the widget's /AP /N; pdf-lib objects it uses are embedded on flush. */
  appearance: (doc: PDFDocument, width: number, height: number) => Promise<PDFRef>;
}

/**
 * Appends one revision to `pdf` carrying `signer`'s PAdES signature in a new signature field shown
 * by `widget`. One parse of `pdf`; nothing before its last byte changes.
 */
export async function signRevision(pdf: Uint8Array, signer: CmsSigner, meta: SignatureMeta, widget: SignatureWidget): Promise<Buffer> {
  const text = (value: string | undefined) => (value === undefined ? undefined : PDFHexString.fromText(value));
  const dictionary: SignatureEntries = {
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    Reason: text(meta.reason),
    Name: text(meta.name),
    Location: text(meta.location),
    ContactInfo: text(meta.contactInfo),
    M: PDFString.fromDate(meta.signingTime),
    [ROLE_KEY]: meta.role,
  };
  const { pdf: signed } = await appendSignature(pdf, dictionary, widget, async (signedBytes) =>
    draftSignedData({ signer, contentType: OID.data, content: signedBytes, embedContent: false }).encode(),
  );
  return signed;
}

/**
 * Appends a revision with an RFC 3161 document time stamp (/Type /DocTimeStamp) over the whole of
 * `pdf` and the time stamp's own dictionary: the TSA's word that the file existed, as it is, at
 * genTime. An invisible field on the last page. Throws TimestampError on any TSA failure.
 */
export async function timestampDocument(pdf: Uint8Array, tsa: { url: string; timeoutMs: number }): Promise<{ pdf: Buffer; token: Buffer; genTime: Date }> {
  const dictionary: SignatureEntries = { Type: 'DocTimeStamp', Filter: 'Adobe.PPKLite', SubFilter: SUBFILTER_RFC3161 };
  let stamp: { token: Buffer; info: TimestampTokenInfo } | undefined;
  const { pdf: stamped } = await appendSignature(pdf, dictionary, invisibleWidget(FIELD_NAMES.timestamp, -1), async (signedBytes) => {
    stamp = await requestTimestamp(tsa.url, tsa.timeoutMs, signedBytes);
    return stamp.token;
  });
  return { pdf: stamped, token: stamp!.token, genTime: stamp!.info.genTime };
}

/** A signature field with nothing to show (Rect all zero, an empty appearance, as PDF/A wants one). */
export function invisibleWidget(fieldName: string, pageIndex: number): SignatureWidget {
  return {
    fieldName,
    pageIndex,
    rect: [0, 0, 0, 0],
    appearance: async (doc) => doc.context.register(doc.context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} })),
  };
}

/**
 * Adds the signature dictionary `dictionary` with a placeholder /ByteRange and a zeroed /Contents,
 * its widget (a merged field and annotation) on the page and in the AcroForm (SigFlags 3), writes
 * the incremental update, then fills in the ByteRange and `sign`'s DER over the bytes it covers.
 */
async function appendSignature(
  original: Uint8Array,
  dictionary: SignatureEntries,
  widget: SignatureWidget,
  sign: (signedBytes: Buffer[]) => Promise<Buffer>,
): Promise<{ pdf: Buffer }> {
  const update = await IncrementalUpdate.load(original);
  const { doc } = update;
  const { context } = doc;
  const placeholder = PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER);
  const signature = context.register(
    context.obj({ ...dictionary, ByteRange: [0, placeholder, placeholder, placeholder], Contents: PDFHexString.of('0'.repeat(SIGNATURE_BYTES * 2)) }),
  );
  const page = doc.getPage(widget.pageIndex < 0 ? doc.getPageCount() + widget.pageIndex : widget.pageIndex);
  const [x1, y1, x2, y2] = widget.rect;
  const annotation = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: widget.rect,
      V: signature,
      T: PDFHexString.fromText(widget.fieldName),
      F: WIDGET_FLAGS,
      P: page.ref,
      AP: { N: await widget.appearance(doc, x2 - x1, y2 - y1) },
    }),
  );
  update.appendToArray(page.ref, page.node, 'Annots', annotation);
  const acroForm = acroFormOf(update);
  update.appendToArray(acroForm.ref, acroForm.dict, 'Fields', annotation);
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY));
  update.touch(acroForm.ref);

  const { pdf, offsets } = await update.write();
  const at = offsets.get(signature.tag)!;
  const contentsStart = pdf.indexOf('/Contents <', at) + '/Contents '.length;
  const contentsEnd = pdf.indexOf('>', contentsStart) + 1;
  const byteRange = [0, contentsStart, contentsEnd, pdf.length - contentsEnd];
  const rangeStart = pdf.indexOf('[', pdf.indexOf('/ByteRange', at));
  const rangeText = pdf.toString('latin1', rangeStart, pdf.indexOf(']', rangeStart) + 1);
  pdf.write(`[${byteRange.join(' ')}]`.padEnd(rangeText.length, ' '), rangeStart, 'latin1');
  const der = await sign([pdf.subarray(0, contentsStart), pdf.subarray(contentsEnd)]);
  if (der.length > SIGNATURE_BYTES) throw new Error(`the signature (${der.length} bytes) exceeds the ${SIGNATURE_BYTES} bytes reserved`);
  pdf.write(der.toString('hex'), contentsStart + 1, 'latin1');
  return { pdf };
}

/** The AcroForm as an indirect object (a direct one in the catalog is moved out), created if missing. */
function acroFormOf(update: IncrementalUpdate): { ref: PDFRef; dict: PDFDict } {
  const { catalog, context } = update.doc;
  const entry = catalog.get(PDFName.of('AcroForm'));
  if (entry instanceof PDFRef) return { ref: entry, dict: context.lookup(entry, PDFDict) };
  const dict = entry instanceof PDFDict ? entry : context.obj({ Fields: [] });
  const ref = context.register(dict);
  catalog.set(PDFName.of('AcroForm'), ref);
  update.touch(update.catalogRef);
  return { ref, dict };
}
