import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { makeTemplatePdf, pdftotext, renderPagePng } from '../../test/pdf-tools';
import { embedCjkFont } from './cjk-font';
import { IncrementalUpdate, IncrementalUpdateError } from './incremental-update';

/** One revision on top of `pdf`: a page with `text` added (the page tree touched), the title changed through /Info. */
async function addPage(pdf: Uint8Array, text: string): Promise<Buffer> {
  const update = await IncrementalUpdate.load(pdf);
  const { doc } = update;
  const font = await embedCjkFont(doc);
  doc.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 16, font });
  update.touch(doc.catalog.get(PDFName.of('Pages')) as PDFRef);
  doc.setTitle(text);
  update.touch(doc.context.trailerInfo.Info as PDFRef);
  return (await update.write()).pdf;
}

describe('IncrementalUpdate', () => {
  it('appends two revisions that pdf-lib and poppler read, the original bytes untouched', async () => {
    const original = await resaved();
    const first = await addPage(original, '第一次增量更新');
    const second = await addPage(first, '第二次增量更新');

    expect(first.subarray(0, original.length).equals(original)).toBe(true);
    expect(second.subarray(0, first.length).equals(first)).toBe(true);
    const doc = await PDFDocument.load(second);
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getTitle()).toBe('第二次增量更新');
    const text = await pdftotext(second);
    expect(text).toContain('第一次增量更新');
    expect(text).toContain('第二次增量更新');
    // poppler says nothing on stderr: it found every object where the cross-references say.
    expect((await renderPagePng(second, 3)).stderr).toBe('');
    // Each trailer chains to the previous cross-reference.
    const trailers = [...second.toString('latin1').matchAll(/\/Prev (\d+)/g)].map((match) => Number(match[1]));
    expect(trailers).toHaveLength(2);
    expect(second.toString('latin1', trailers[1], trailers[1] + 4)).toBe('xref');
  });

  it('refuses a file that does not end with a cross-reference', async () => {
    await expect(IncrementalUpdate.load(Buffer.from('%PDF-1.7\nnot really\n'))).rejects.toBeInstanceOf(IncrementalUpdateError);
  });
});

/** A template saved with a classic cross-reference, as prepareForSigning saves the base revision. */
async function resaved(): Promise<Buffer> {
  return Buffer.from(await (await PDFDocument.load(await makeTemplatePdf(1))).save({ useObjectStreams: false }));
}
