/**
 * The Chinese font of generated pages: Noto Sans Hans Regular (SIL Open Font License 1.1, from
 * @embedpdf/fonts-sc), embedded as a subset. The whole font is 8.3 MB (7.4 MB in a PDF); a subset
 * of the few hundred glyphs a contract page uses is about 10 KB.
 *
 * @pdf-lib/fontkit 1.1.1 (a stale fork of fontkit) writes broken subsets of CID-keyed CFF fonts
 * such as this one, fixed upstream in foliojs/fontkit:
 *   1. the CFF header's offSize byte is the table's byte length (truncated), not 1-4, so
 *      FreeType/poppler reject the whole font and every glyph renders blank;
 *   2. subsetFontdict files each glyph under the most recently added font dict instead of its own,
 *      so glyphs from alternating FDs get another FD's Private dict and local subroutines and
 *      render as garbage;
 *   3. fdForGlyph gives the first glyph of each FDSelect range to the previous range (the ASCII
 *      colon is one), so that glyph is parsed and subset with the wrong subroutines: blank.
 *   4. a subset of .notdef alone throws inside process.nextTick at save: an uncaught exception.
 * They are corrected on the parsed font and on each subset instance below rather than by patching
 * node_modules; the font test renders a subset and the whole font and compares the pixels.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PDFDocument, PDFFont } from 'pdf-lib';
import type { Font, Fontkit, Subset } from 'pdf-lib/cjs/types/fontkit';

// The package exports only its (ESM/CJS) index; the font files sit beside its dist folder.
export const CJK_FONT_FILE = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');

let fontBytes: Promise<Buffer> | undefined;
/** Parsing the font costs ~70 ms and its glyph outlines are parsed lazily and kept: one Font per process. */
const parsedFonts = new WeakMap<Uint8Array, Font>();

/** Embeds the Chinese font (as a subset of the glyphs drawn) into `doc`. */
export async function embedCjkFont(doc: PDFDocument): Promise<PDFFont> {
  fontBytes ??= readFile(CJK_FONT_FILE).catch((error: unknown) => {
    fontBytes = undefined;
    throw error;
  });
  doc.registerFontkit(patchedFontkit);
  const font = await doc.embedFont(await fontBytes, { subset: true });
  // Fix 4: a subset of .notdef alone encodes a charset range of -1 glyphs; one real glyph (a space)
  // rules that out.
  font.encodeText(' ');
  return font;
}

const patchedFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string): Font {
    let font = parsedFonts.get(buffer);
    if (!font) {
      // Required here, on the first font: loading @pdf-lib/fontkit (it inflates its tables) takes
      // about 0.3 s, which every start of the server, and every spec file, paid at the top.
      const fontkit = require('@pdf-lib/fontkit') as typeof import('@pdf-lib/fontkit');
      font = fontkit.create(buffer, postscriptName) as unknown as Font;
      // Before any glyph is parsed: outlines are parsed with their font dict's subroutines.
      const cff = (font as unknown as { 'CFF '?: CffTable })['CFF '];
      if (cff) cff.fdForGlyph = fdForGlyph;
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => fixCffSubset(createSubset());
      parsedFonts.set(buffer, font);
    }
    return font;
  },
};

/** The internals of fontkit's CFF table and CFFSubset the fixes touch (fontkit declares none of them). */
interface CffFontDict {
  FontName?: unknown;
  /** Subrs: the font's CffSubr entries, the subset's encoded buffers. */
  Private?: { Subrs?: unknown[] } | null;
}
interface CffFdSelect {
  version: number;
  fds: number[];
  ranges?: { first: number; fd: number }[];
}
interface CffTopDict {
  FDArray: CffFontDict[];
  FDSelect: CffFdSelect;
}
/** A subroutine: where its charstring lies in the font's bytes. */
interface CffSubr {
  offset: number;
  length: number;
}
interface CffTable {
  length: number;
  /** The font's bytes; readBuffer answers fontkit's own Buffer polyfill, which its encoder requires. */
  stream: { pos: number; readBuffer(length: number): Uint8Array };
  fdForGlyph(gid: number): number | null | undefined;
  topDict: { FDArray: CffFontDict[]; FDSelect?: CffFdSelect };
}
interface CffSubsetInternals {
  cff?: CffTable;
  glyphs: number[];
  font: { getGlyph(gid: number): { path: unknown; _usedSubrs?: Record<string, boolean> } };
  subsetSubrs(subrs: CffSubr[], used: Record<string, boolean>): Uint8Array[];
  subsetFontdict(topDict: CffTopDict): void;
}

function fixCffSubset(subset: Subset): Subset {
  const internals = subset as unknown as CffSubsetInternals;
  if (!internals.cff) return subset; // a TrueType subset: not affected
  // Fix 1: the subset's encoder writes cff.length as the header offSize; 4 is always valid.
  internals.cff = Object.create(internals.cff, { length: { value: 4 } }) as CffSubsetInternals['cff'];
  internals.subsetFontdict = subsetFontdict;
  internals.subsetSubrs = subsetSubrs;
  return subset;
}

/**
 * Size: fontkit keeps every unused subroutine as a one-byte `return`, so the 22,293 local
 * subroutines of the ideographs' font dict cost ~40 KB of barely compressible offsets in every
 * subset. Unused ones are never called: empty entries keep the numbering and compress to nothing.
 * Time: one empty buffer serves them all, where fontkit allocated one each (which took about half
 * of a subset's time).
 */
function subsetSubrs(this: CffSubsetInternals, subrs: CffSubr[], used: Record<string, boolean>): Uint8Array[] {
  const stream = this.cff!.stream;
  const empty = stream.readBuffer(0);
  return subrs.map((subr, index) => {
    if (!used[index]) return empty;
    stream.pos = subr.offset;
    return stream.readBuffer(subr.length);
  });
}

/** Fix 3: the range search compared `gid > next.first`, giving a range's first glyph to the previous range. */
function fdForGlyph(this: CffTable, gid: number): number | null | undefined {
  const select = this.topDict.FDSelect;
  if (!select) return null;
  if (!select.ranges) return select.fds[gid];
  const { ranges } = select;
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (gid < ranges[mid].first) high = mid - 1;
    else if (mid < high && gid >= ranges[mid + 1].first) low = mid + 1;
    else return ranges[mid].fd;
  }
  return null;
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
    if (dict.Private?.Subrs) dict.Private = { ...dict.Private, Subrs: this.subsetSubrs(dict.Private.Subrs as CffSubr[], usedSubrs[index]) };
  });
  topDict.FDArray = fdArray;
  topDict.FDSelect = { version: 0, fds };
}
