/**
 * Seals a finished contract with the platform's PAdES baseline signature (ETSI.CAdES.detached):
 * any later change to the file breaks it, and with a TSA configured an RFC 3161 time stamp proves
 * when it was made independently of the platform's clock.
 */
import { SignPdf } from '@signpdf/signpdf';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS, Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { CmsSigner, cmsAttribute, draftSignedData, fingerprintSha256, OID } from './cms';
import { openP12 } from './platform-certificate';
import { requestTimestamp } from './timestamp-client';

export { TimestampError } from './timestamp-client';

/**
 * Bytes reserved for the CMS (twice that in hex in the file). Ours is ~1.4 KB, ~3 KB with a time
 * stamp; a CA's chain and a TSA's chain can add a few KB more.
 */
const SIGNATURE_BYTES = 16384;
const DEFAULT_TSA_TIMEOUT_MS = 10_000;
/** Print + Locked: the (invisible) signature widget can be neither hidden nor moved. */
const WIDGET_FLAGS = 4 | 128;

export interface PadesSignerOptions {
  p12: Buffer;
  password: string;
  /** RFC 3161 Time-Stamp Authority; without one the signing time is only the /M the platform states. */
  tsaUrl?: string | null;
  tsaTimeoutMs?: number;
}

export interface SignatureMeta {
  reason: string;
  name: string;
  location?: string;
  contactInfo?: string;
  /** Written to /M. PAdES forbids signingTime among the signed attributes; the time stamp is the proof. */
  signingTime: Date;
}

export class PadesSigner {
  /** SHA-256 of the signing certificate (lowercase hex), the value `inspectSignedPdf` is given to trust. */
  readonly fingerprintSha256: string;
  private readonly signer: CmsSigner;

  /** Throws at once on a wrong password or a PKCS#12 without a key and its certificate. */
  constructor(private readonly options: PadesSignerOptions) {
    const { privateKey, certificate, chain } = openP12(options.p12, options.password);
    this.signer = { privateKey, certificate: certificate.raw, chain: chain.map((cert) => cert.raw) };
    this.fingerprintSha256 = fingerprintSha256(certificate.raw);
  }

  /** The signed PDF. Throws TimestampError when a TSA is configured and does not deliver a valid token. */
  async sign(pdf: Uint8Array, meta: SignatureMeta): Promise<Buffer> {
    const { tsaUrl, tsaTimeoutMs = DEFAULT_TSA_TIMEOUT_MS } = this.options;
    const cades = new CadesDetachedSigner(this.signer, tsaUrl ? (value) => requestTimestamp(tsaUrl, tsaTimeoutMs, value) : null);
    return new SignPdf().sign(await withPlaceholder(pdf, meta), cades);
  }
}

/** @signpdf/signpdf computes the ByteRange and hands over the bytes it covers; this makes the CMS. */
class CadesDetachedSigner extends Signer {
  constructor(
    private readonly signer: CmsSigner,
    private readonly timestamp: ((signatureValue: Buffer) => Promise<Buffer>) | null,
  ) {
    super();
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const draft = draftSignedData({ signer: this.signer, contentType: OID.data, content: signedBytes, embedContent: false });
    if (!this.timestamp) return draft.encode();
    const token = await this.timestamp(draft.signatureValue);
    return draft.encode([cmsAttribute(OID.signatureTimeStampToken, token)]);
  }
}

/**
 * Adds the signature dictionary with a zeroed /Contents and a placeholder /ByteRange, and an
 * invisible signature field on the last page. Written here rather than with
 * @signpdf/placeholder-pdf-lib, which writes /Reason, /Name and /Location as byte strings and so
 * garbles Chinese; text strings need PDFHexString.fromText (UTF-16BE).
 */
async function withPlaceholder(pdf: Uint8Array, meta: SignatureMeta): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { context } = doc;
  const placeholder = PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER);
  const text = (value: string | undefined) => (value === undefined ? undefined : PDFHexString.fromText(value));
  // /ByteRange must precede /Contents: @signpdf/signpdf looks for /Contents after it.
  const signature = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
      ByteRange: [0, placeholder, placeholder, placeholder],
      Contents: PDFHexString.of('0'.repeat(SIGNATURE_BYTES * 2)),
      Reason: text(meta.reason),
      Name: text(meta.name),
      Location: text(meta.location),
      ContactInfo: text(meta.contactInfo),
      M: PDFString.fromDate(meta.signingTime),
    }),
  );
  const page = doc.getPage(doc.getPageCount() - 1);
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: signature,
      T: PDFHexString.fromText('闪签云平台签名'),
      F: WIDGET_FLAGS,
      P: page.ref,
      // PDF/A and some viewers want an appearance even for an invisible widget.
      AP: { N: context.register(context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} })) },
    }),
  );
  page.node.addAnnot(widget);
  const acroForm = doc.catalog.getOrCreateAcroForm();
  acroForm.addField(widget);
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY));
  // No object streams: the signature dictionary has to sit in the file as plain text to be filled in.
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
