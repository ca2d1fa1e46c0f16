/**
 * PDF incremental updates (ISO 32000-1 §7.5.6): the changes made to a document are appended after
 * its last byte, so every earlier revision, and the signature covering it, stays byte for byte as
 * it was. pdf-lib only saves whole files; this writes the objects a change added or touched, a
 * classic cross-reference section for them and a trailer chained to the previous one by /Prev.
 *
 * Written here rather than with @cantoo/pdf-lib's saveIncremental: that fork has its own PDFDocument
 * and object classes, and the seal drawing and the signing code share pdf-lib objects (pdf-lib
 * checks `instanceof` throughout), so mixing the two would fail at run time.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFObject, PDFRef } from 'pdf-lib';

/** The original is not a PDF pdf-lib can read, or its end is not a cross-reference this can chain to. */
export class IncrementalUpdateError extends Error {
  override readonly name = 'IncrementalUpdateError';
}

/** `startxref <offset> %%EOF` must sit within this many bytes of the end. */
const TAIL_WINDOW = 1024;

export class IncrementalUpdate {
  private readonly touched = new Map<string, PDFRef>();

  private constructor(
    /** The document to change: objects registered in its context after load are written as new. */
    readonly doc: PDFDocument,
    private readonly original: Buffer,
    private readonly previousXref: number,
    private readonly firstNewObject: number,
  ) {}

  /** Parses `original` once (pdf-lib, metadata untouched) for changes to append to it. */
  static async load(original: Uint8Array): Promise<IncrementalUpdate> {
    const bytes = Buffer.from(original.buffer, original.byteOffset, original.byteLength);
    const previousXref = lastStartXref(bytes);
    let doc: PDFDocument;
    try {
      doc = await PDFDocument.load(bytes, { updateMetadata: false });
    } catch (error) {
      throw new IncrementalUpdateError('not a readable PDF (damaged or encrypted)', { cause: error });
    }
    return new IncrementalUpdate(doc, bytes, previousXref, doc.context.largestObjectNumber + 1);
  }

  /** The catalog's reference: the trailer's /Root. */
  get catalogRef(): PDFRef {
    const root = this.doc.context.trailerInfo.Root;
    if (!(root instanceof PDFRef)) throw new IncrementalUpdateError('the trailer has no /Root reference');
    return root;
  }

  /** Declares an object of the original as changed, so it is written again in the update. */
  touch(ref: PDFRef): void {
    this.touched.set(ref.tag, ref);
  }

  /**
   * Adds `value` to the array at `key` of `holder` (the object `holderRef` names), creating the array
   * if missing, and touches whichever object actually changed: the array when it is indirect, else the holder.
   */
  appendToArray(holderRef: PDFRef, holder: PDFDict, key: string, value: PDFObject): void {
    const name = PDFName.of(key);
    const entry = holder.get(name);
    const array = this.doc.context.lookupMaybe(entry, PDFArray);
    if (array) array.push(value);
    else holder.set(name, this.doc.context.obj([value]));
    this.touch(array && entry instanceof PDFRef ? entry : holderRef);
  }

  /**
   * The original followed by the update: the new and touched objects, their cross-reference
   * subsections, and a trailer keeping /Root, /Info and /ID. Embeds pdf-lib's pending fonts and
   * images first. Answers where each written object starts, for callers that fill in bytes later.
   */
  async write(): Promise<{ pdf: Buffer; offsets: Map<string, number> }> {
    await this.doc.flush();
    const { context } = this.doc;
    const objects = context
      .enumerateIndirectObjects()
      .filter(([ref]) => ref.objectNumber >= this.firstNewObject || this.touched.has(ref.tag));
    const separator = this.original[this.original.length - 1] === 0x0a ? '' : '\n';
    const headers = objects.map(([ref]) => `${ref.objectNumber} ${ref.generationNumber} obj\n`);
    const size = objects.reduce((total, [, object], index) => total + headers[index].length + object.sizeInBytes() + '\nendobj\n'.length, separator.length);
    const body = Buffer.alloc(size);
    let offset = body.write(separator, 0, 'latin1');
    const offsets = new Map<string, number>();
    objects.forEach(([ref, object], index) => {
      offsets.set(ref.tag, this.original.length + offset);
      offset += body.write(headers[index], offset, 'latin1');
      offset += object.copyBytesInto(body, offset);
      offset += body.write('\nendobj\n', offset, 'latin1');
    });
    const xrefOffset = this.original.length + offset;
    const trailer = context.obj({
      Size: context.largestObjectNumber + 1,
      Root: this.catalogRef,
      Info: context.trailerInfo.Info,
      ID: context.trailerInfo.ID,
      Prev: this.previousXref,
    });
    const tail = `${crossReference(objects.map(([ref]) => ref), offsets)}trailer\n${trailer.toString()}\nstartxref\n${xrefOffset}\n%%EOF\n`;
    return { pdf: Buffer.concat([this.original, body, Buffer.from(tail, 'latin1')]), offsets };
  }
}

/** Classic xref: one subsection per run of consecutive object numbers, 20-byte entries. */
function crossReference(refs: PDFRef[], offsets: Map<string, number>): string {
  let xref = 'xref\n';
  for (let start = 0; start < refs.length; ) {
    let end = start + 1;
    while (end < refs.length && refs[end].objectNumber === refs[end - 1].objectNumber + 1) end++;
    xref += `${refs[start].objectNumber} ${end - start}\n`;
    for (const ref of refs.slice(start, end)) {
      xref += `${String(offsets.get(ref.tag)).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n\r\n`;
    }
    start = end;
  }
  return xref;
}

/** The offset the file's last `startxref` names: the /Prev of the next section. */
function lastStartXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - TAIL_WINDOW)).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const offset = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(offset) || offset >= pdf.length) throw new IncrementalUpdateError('the PDF does not end with startxref and %%EOF');
  return offset;
}
