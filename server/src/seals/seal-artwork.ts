import { Resvg } from '@resvg/resvg-js';
import {
  concatTransformationMatrix,
  degrees,
  drawImage,
  drawObject,
  drawSvgPath,
  drawText,
  PDFDocument,
  PDFFont,
  PDFOperator,
  PDFRef,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  translate,
} from 'pdf-lib';
import { CJK_FONT_FILE, embedCjkFont } from '../sign/pdf/cjk-font';
import { MeasureText, SEAL_RED, sealGeometry } from './seal-geometry';

/** What a company seals with: the seal the server draws from its name, or a PNG a super admin uploaded. */
export type SealArtwork = { kind: 'generated'; companyName: string; bottomText: string | null } | { kind: 'uploaded'; png: Buffer };

/** A real seal is 42 mm across: the size of the previews. */
const SEAL_DIAMETER_PT = (42 / 25.4) * 72;
const PREVIEW_MARGIN_PT = 8;
const PREVIEW_PNG_PX = 400;
const RED = rgb(SEAL_RED.r / 255, SEAL_RED.g / 255, SEAL_RED.b / 255);
const CAPTION_COLOUR = rgb(0.1, 0.1, 0.1);
/** The share of the box's height below the seal that a caption takes. */
const CAPTION_BAND = 0.2;
const NO_TURN = degrees(0);

/**
 * Registers in `doc` a Form XObject (BBox [0 0 width height]) showing the seal centred in the box,
 * with `caption` (e.g. the signing date) in a band under it, and answers its reference, e.g. for a
 * signature widget's /AP /N.
 *
 * The XObject's font (a subset of the CJK font holding the glyphs drawn) and image are pdf-lib
 * objects of `doc` whose bytes pdf-lib writes only when the document is flushed: the caller must
 * serialise `doc` with `doc.save()` (which flushes), or call `doc.flush()` before copying objects
 * out of `doc.context` itself. Calling this more than once on a document is fine (each call embeds
 * its own copy of the seal and of the caption's font subset).
 */
export async function sealAppearance(doc: PDFDocument, artwork: SealArtwork, options: { width: number; height: number; caption?: string }): Promise<PDFRef> {
  const { width, height, caption } = options;
  const band = caption ? height * CAPTION_BAND : 0;
  const radius = Math.min(width, height - band) / 2;
  const centre = { x: width / 2, y: band + (height - band) / 2 };
  const font = caption ? await embedCjkFont(doc) : null;
  const operators: PDFOperator[] = [];
  const resources: { Font?: Record<string, PDFRef>; XObject?: Record<string, PDFRef> } = {};
  if (font) resources.Font = { F0: font.ref };

  if (artwork.kind === 'generated') {
    const [seal] = await doc.embedPdf(await drawnSeal(artwork));
    const scale = (2 * radius) / SEAL_DIAMETER_PT;
    resources.XObject = { Seal0: seal.ref };
    operators.push(pushGraphicsState(), concatTransformationMatrix(scale, 0, 0, scale, centre.x - radius, centre.y - radius), drawObject('Seal0'), popGraphicsState());
  } else {
    const image = await doc.embedPng(artwork.png);
    const scale = Math.min((2 * radius) / image.width, (2 * radius) / image.height);
    const [w, h] = [image.width * scale, image.height * scale];
    resources.XObject = { Im0: image.ref };
    operators.push(...drawImage('Im0', { x: centre.x - w / 2, y: centre.y - h / 2, width: w, height: h, rotate: NO_TURN, xSkew: NO_TURN, ySkew: NO_TURN }));
  }
  if (caption) {
    const size = Math.min(band * 0.6, (width * 0.95) / font!.widthOfTextAtSize(caption, 1));
    const x = (width - font!.widthOfTextAtSize(caption, size)) / 2;
    operators.push(...drawText(font!.encodeText(caption), { x, y: band * 0.3, size, font: 'F0', color: CAPTION_COLOUR, rotate: NO_TURN, xSkew: NO_TURN, ySkew: NO_TURN }));
  }
  return doc.context.register(doc.context.formXObject(operators, { BBox: [0, 0, width, height], Resources: resources }));
}

/** At most this many generated seals are kept drawn (a few KB each). */
const DRAWN_SEALS_KEPT = 256;
const drawnSeals = new Map<string, Promise<Buffer>>();

/**
 * The generated seal alone as a one-page PDF of its real size, drawn once per company name and
 * bottom text, then embedded by every contract it seals: drawing it makes a font subset of its
 * glyphs, about 90 ms, while embedding the drawn page costs a few.
 */
function drawnSeal(artwork: { companyName: string; bottomText: string | null }): Promise<Buffer> {
  const key = JSON.stringify([artwork.companyName, artwork.bottomText]);
  let drawn = drawnSeals.get(key);
  if (!drawn) {
    drawn = (async () => {
      const doc = await PDFDocument.create();
      const font = await embedCjkFont(doc);
      const page = doc.addPage([SEAL_DIAMETER_PT, SEAL_DIAMETER_PT]);
      const radius = SEAL_DIAMETER_PT / 2;
      const seal = doc.context.formXObject(vectorSeal(artwork, font, { x: radius, y: radius }, radius), {
        BBox: [0, 0, SEAL_DIAMETER_PT, SEAL_DIAMETER_PT],
        Resources: { Font: { F0: font.ref } },
      });
      page.pushOperators(drawObject(page.node.newXObject('Seal', doc.context.register(seal))));
      return Buffer.from(await doc.save());
    })();
    drawnSeals.set(key, drawn);
    drawn.catch(() => drawnSeals.delete(key));
    if (drawnSeals.size > DRAWN_SEALS_KEPT) drawnSeals.delete(drawnSeals.keys().next().value!);
  }
  return drawn;
}

/** The geometry as PDF operators: the seal's paths filled, its texts in the embedded font (SVG's y-down turned into PDF's y-up). */
function vectorSeal(artwork: { companyName: string; bottomText: string | null }, font: PDFFont, centre: { x: number; y: number }, radius: number): PDFOperator[] {
  const geometry = sealGeometry(artwork.companyName, artwork.bottomText, radius, measureWith(font));
  return [
    ...geometry.paths.flatMap((path) => drawSvgPath(path, { x: centre.x, y: centre.y, color: RED, scale: undefined, borderColor: undefined, borderWidth: 0 })),
    ...geometry.texts.flatMap((t) =>
      drawText(font.encodeText(t.text), {
        x: centre.x + t.x,
        y: centre.y - t.y,
        rotate: degrees(-t.rotation),
        size: t.size,
        font: 'F0',
        color: RED,
        xSkew: NO_TURN,
        ySkew: NO_TURN,
      }),
    ),
  ];
}

const measureWith = (font: PDFFont): MeasureText => (text) => font.widthOfTextAtSize(text, 1);

/** A one-page PDF showing the seal at its real size (42 mm), for the back office's preview. */
export async function renderSealPdf(artwork: SealArtwork): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const side = SEAL_DIAMETER_PT + 2 * PREVIEW_MARGIN_PT;
  const page = doc.addPage([side, side]);
  const seal = page.node.newXObject('Seal', await sealAppearance(doc, artwork, { width: SEAL_DIAMETER_PT, height: SEAL_DIAMETER_PT }));
  page.pushOperators(pushGraphicsState(), translate(PREVIEW_MARGIN_PT, PREVIEW_MARGIN_PT), drawObject(seal), popGraphicsState());
  return Buffer.from(await doc.save());
}

/**
 * A PNG of the seal on a transparent background. An uploaded seal is its own preview; the generated
 * one is drawn as SVG from the same geometry as the PDF and rasterized by resvg with the same font
 * file (its advance widths read through a scratch embedding, whose parsed font embedCjkFont caches).
 */
export async function renderSealPng(artwork: SealArtwork): Promise<Buffer> {
  if (artwork.kind === 'uploaded') return artwork.png;
  const measure = measureWith(await embedCjkFont(await PDFDocument.create()));
  const half = PREVIEW_PNG_PX / 2;
  const geometry = sealGeometry(artwork.companyName, artwork.bottomText, half - 2, measure);
  const fill = `rgb(${SEAL_RED.r},${SEAL_RED.g},${SEAL_RED.b})`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_PNG_PX}" height="${PREVIEW_PNG_PX}">`,
    `<g transform="translate(${half} ${half})" fill="${fill}">`,
    ...geometry.paths.map((d) => `<path d="${d}"/>`),
    ...geometry.texts.map((t) => `<text transform="translate(${t.x} ${t.y}) rotate(${t.rotation})" font-size="${t.size}">${escapeXml(t.text)}</text>`),
    '</g></svg>',
  ].join('');
  const resvg = new Resvg(svg, { font: { fontFiles: [CJK_FONT_FILE], loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY } });
  return Buffer.from(resvg.render().asPng());
}

/** The family name in the font file's name table, which resvg matches. */
const CJK_FONT_FAMILY = 'Noto Sans S Chinese';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
