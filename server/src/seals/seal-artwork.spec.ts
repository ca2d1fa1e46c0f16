import { drawObject, PDFDocument, popGraphicsState, pushGraphicsState, translate } from 'pdf-lib';
import { renderPagePng } from '../test/pdf-tools';
import { isSealRed, pngPixels, sealImagePng } from '../test/seal-images';
import { renderSealPdf, renderSealPng, sealAppearance, SealArtwork } from './seal-artwork';
import { sealGeometry } from './seal-geometry';

const GENERATED: SealArtwork = { kind: 'generated', companyName: '闪签云示范科技有限公司', bottomText: null };
const isWhite = ({ r, g, b }: { r: number; g: number; b: number }) => r > 230 && g > 230 && b > 230;

/** The seal's centre and radius in a preview's pixels: the 42 mm seal with 8 pt of margin. */
const previewSeal = (side: number) => ({ centre: side / 2, radius: side / 2 - (8 * side) / ((42 / 25.4) * 72 + 16) });

describe('the seal artwork', () => {
  it('draws the generated seal as vector graphics: the red ring, the star filled at its centre, white around', async () => {
    const pdf = await renderSealPdf({ ...GENERATED, bottomText: '合同专用章' });
    const { png, stderr } = await renderPagePng(pdf, 1, 72);
    expect(stderr).toBe('');
    const image = pngPixels(png);
    const { centre, radius } = previewSeal(image.width);
    const near = (x: number, y: number) => [-1, 0, 1].some((dx) => [-1, 0, 1].some((dy) => isSealRed(image.at(x + dx, y + dy))));
    // The ring, at the top, left, bottom and right.
    for (const [dx, dy] of [[0, -1], [-1, 0], [0, 1], [1, 0]]) expect(near(centre + dx * (radius - 1.5), centre + dy * (radius - 1.5))).toBe(true);
    // The star: its centre and one arm.
    expect(isSealRed(image.at(centre, centre))).toBe(true);
    expect(isSealRed(image.at(centre, centre - radius * 0.25))).toBe(true);
    // Between the star's arms, inside the ring beside the bottom line, and outside the ring: the page.
    expect(isWhite(image.at(centre + radius * 0.25, centre - radius * 0.25))).toBe(true);
    expect(isWhite(image.at(centre + radius * 0.35, centre + radius * 0.3))).toBe(true);
    expect(isWhite(image.at(2, 2))).toBe(true);
    // The name and the bottom line are text in the embedded font, not pictures.
    const doc = await PDFDocument.load(pdf);
    expect(doc.context.enumerateIndirectObjects().some(([, object]) => object.toString().includes('/Subtype /Image'))).toBe(false);
  });

  it('answers a PNG preview with a transparent background, from the same geometry', async () => {
    const image = pngPixels(await renderSealPng(GENERATED));
    expect([image.width, image.height]).toEqual([400, 400]);
    expect(image.at(3, 3).a).toBe(0);
    expect(isSealRed(image.at(200, 200))).toBe(true);
    expect(isSealRed(image.at(200, 4))).toBe(true);
    expect(image.at(200 + 50, 200 - 50).a).toBe(0);
  });

  it('spreads a short name over less of the arc than a long one, and sets a very long one smaller', () => {
    const measure = () => 1;
    const span = (name: string) => {
      const { texts } = sealGeometry(name, null, 100, measure);
      return { degrees: texts.at(-1)!.rotation - texts[0].rotation, size: texts[0].size };
    };
    expect(span('华为公司').degrees).toBeLessThan(span('闪签云示范科技有限公司').degrees);
    expect(span('闪签云示范科技有限公司北京分公司人力资源部劳务派遣').size).toBeLessThan(span('华为公司').size);
    expect(span('闪签云示范科技有限公司北京分公司人力资源部劳务派遣').degrees).toBeLessThanOrEqual(240);
  });

  it('registers an XObject usable as a widget appearance: an uploaded PNG with its alpha, the caption under it', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    const ref = await sealAppearance(doc, { kind: 'uploaded', png: sealImagePng() }, { width: 120, height: 150, caption: '2026年12月05日' });
    page.pushOperators(pushGraphicsState(), translate(40, 25), drawObject(page.node.newXObject('Seal', ref)), popGraphicsState());
    const pdf = await doc.save();
    const image = pngPixels((await renderPagePng(pdf, 1, 72)).png);
    // The disc (150 − 30 of caption band = 120 across, centred 40 + 60, 25 + 30 + 60 from the bottom).
    expect(isSealRed(image.at(100, 200 - 115))).toBe(true);
    expect(isWhite(image.at(100 + 58, 200 - 115 + 58))).toBe(true);
    // The image keeps its soft mask: the transparent corners show the page.
    const smask = doc.context.enumerateIndirectObjects().some(([, object]) => object.toString().includes('/SMask'));
    expect(smask).toBe(true);
    // The caption is dark text in the band under the seal.
    const band = Array.from({ length: 60 }, (_, i) => image.at(70 + i, 200 - 25 - 12)).filter((p) => p.r < 120 && p.g < 120);
    expect(band.length).toBeGreaterThan(0);
  });
});
