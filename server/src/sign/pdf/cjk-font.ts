/**
 * The Chinese font of generated pages: Noto Sans Hans Regular (SIL Open Font License 1.1, from
 * @embedpdf/fonts-sc), embedded as a subset. The full font is 8.3 MB; a subset of the few hundred
 * glyphs a contract page uses is tens of KB.
 *
 * @pdf-lib/fontkit 1.1.1 (a stale fork of fontkit) writes broken subsets of CID-keyed CFF fonts
 * such as this one, fixed upstream in foliojs/fontkit:
 *   1. the CFF header's offSize byte is the table's byte length (truncated), not 1-4, so
 *      FreeType/poppler reject the whole font and every glyph renders blank;
 *   2. subsetFontdict files each glyph under the most recently added font dict instead of its own,
 *      so glyphs from alternating FDs get another FD's Private dict and local subroutines and
 *      render as garbage.
 * Both are corrected on each subset instance below instead of patching node_modules.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { create as createFontkitFont } from '@pdf-lib/fontkit';
import { PDFDocument, PDFFont } from 'pdf-lib';
import type { Font, Fontkit, Subset } from 'pdf-lib/cjs/types/fontkit';

// The package exports only its (ESM/CJS) index; the font files sit beside its dist folder.
const FONT_FILE = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');

let fontBytes: Promise<Buffer> | undefined;
/** Parsing the font costs ~70 ms and its glyph outlines are parsed lazily and kept: one Font per process. */
const parsedFonts = new WeakMap<Uint8Array, Font>();

/** Embeds the Chinese font (as a subset of the glyphs drawn) into `doc`. */
export async function embedCjkFont(doc: PDFDocument): Promise<PDFFont> {
  fontBytes ??= readFile(FONT_FILE).catch((error: unknown) => {
    fontBytes = undefined;
    throw error;
  });
  doc.registerFontkit(patchedFontkit);
  return doc.embedFont(await fontBytes, { subset: true });
}

const patchedFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string): Font {
    let font = parsedFonts.get(buffer);
    if (!font) {
      font = createFontkitFont(buffer, postscriptName) as unknown as Font;
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => fixCffSubset(createSubset());
      parsedFonts.set(buffer, font);
    }
    return font;
  },
};

/** The internals of fontkit's CFFSubset the fixes touch (fontkit declares none of them). */
interface CffFontDict {
  FontName?: unknown;
  Private?: { Subrs?: unknown[] } | null;
}
interface CffTopDict {
  FDArray: CffFontDict[];
  FDSelect: { version: number; fds: number[] };
}
interface CffSubsetInternals {
  cff?: { length: number; fdForGlyph(gid: number): number | null | undefined; topDict: { FDArray: CffFontDict[] } };
  glyphs: number[];
  font: { getGlyph(gid: number): { path: unknown; _usedSubrs?: Record<string, boolean> } };
  subsetSubrs(subrs: unknown[], used: Record<string, boolean>): unknown[];
  subsetFontdict(topDict: CffTopDict): void;
}

function fixCffSubset(subset: Subset): Subset {
  const internals = subset as unknown as CffSubsetInternals;
  if (!internals.cff) return subset; // a TrueType subset: not affected
  // Fix 1: the subset's encoder writes cff.length as the header offSize; 4 is always valid.
  internals.cff = Object.create(internals.cff, { length: { value: 4 } }) as CffSubsetInternals['cff'];
  internals.subsetFontdict = subsetFontdict;
  return subset;
}

/** Fix 2: upstream fontkit's subsetFontdict, mapping each glyph to the new index of its own font dict. */
function subsetFontdict(this: CffSubsetInternals, topDict: CffTopDict): void {
  const cff = this.cff;
  if (!cff) return;
  const fdArray: CffFontDict[] = [];
  const fds: number[] = [];
  const usedSubrs: Record<string, boolean>[] = [];
  const newIndexOf = new Map<number, number>();
  for (const gid of this.glyphs) {
    const fd = cff.fdForGlyph(gid);
    if (fd == null) continue;
    let index = newIndexOf.get(fd);
    if (index === undefined) {
      index = fdArray.push({ ...cff.topDict.FDArray[fd] }) - 1;
      usedSubrs.push({});
      newIndexOf.set(fd, index);
    }
    fds.push(index);
    const glyph = this.font.getGlyph(gid);
    void glyph.path; // parsing the outline is what records the subroutines it calls
    Object.assign(usedSubrs[index], glyph._usedSubrs);
  }
  fdArray.forEach((dict, index) => {
    delete dict.FontName;
    if (dict.Private?.Subrs) dict.Private = { ...dict.Private, Subrs: this.subsetSubrs(dict.Private.Subrs, usedSubrs[index]) };
  });
  topDict.FDArray = fdArray;
  topDict.FDSelect = { version: 0, fds };
}
