/**
 * Top-to-bottom text layout on appended A4 pages, continuing on a new page when the current one is
 * full. pdf-lib draws single lines only; wrapping and pagination are ours.
 */
import { Color, PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56; // ~20 mm
export const BODY_SIZE = 11;
const INK = rgb(0.1, 0.1, 0.1);
export const MUTED = rgb(0.42, 0.42, 0.42);
export const RULE = rgb(0.75, 0.75, 0.75);

const TITLE_SIZE = 16;
const LINE_SPACING = 1.6;
const LABEL_WIDTH = 96;
const CLOSING_PUNCTUATION = '，。、；：？！）》」』”’】〕…';

export interface Cell {
  text: string;
  /** From the left margin. */
  indent?: number;
  color?: Color;
}

/**
 * Greedy line breaking: Chinese may break between any two characters; runs of Latin letters,
 * digits and the punctuation of numbers, dates, IPs and hashes stay whole unless longer than a line.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    const push = (next = '') => {
      lines.push(line.trimEnd());
      line = next.trimStart();
      lineWidth = font.widthOfTextAtSize(line, size);
    };
    for (const token of paragraph.match(/[\w@.:/+\-*,]+|\s+|./gu) ?? []) {
      const tokenWidth = font.widthOfTextAtSize(token, size);
      // Closing punctuation never starts a line (Chinese typesetting): it may overhang the margin.
      if (lineWidth + tokenWidth <= width || (line && CLOSING_PUNCTUATION.includes(token))) {
        line += token;
        lineWidth += tokenWidth;
      } else if (tokenWidth <= width) {
        push(token);
      } else {
        for (const char of token) {
          const charWidth = font.widthOfTextAtSize(char, size);
          if (lineWidth + charWidth > width && line) push();
          line += char;
          lineWidth += charWidth;
        }
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export class PageFlow {
  readonly pages: PDFPage[] = [];
  /** The top of the next line, in PDF points from the page bottom. */
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly font: PDFFont,
    private readonly title: string,
  ) {
    this.addPage();
  }

  get page(): PDFPage {
    return this.pages[this.pages.length - 1];
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  lineHeight(size = BODY_SIZE): number {
    return size * LINE_SPACING;
  }

  /** Continues on a new page unless `height` still fits above the bottom margin. */
  reserve(height: number): void {
    if (this.y - height < MARGIN) this.addPage();
  }

  gap(height: number): void {
    this.y -= height;
  }

  /** One line of cells sharing a baseline; answers that baseline. */
  line(cells: Cell[], size = BODY_SIZE): number {
    const height = this.lineHeight(size);
    this.reserve(height);
    // The baseline sits so that ascenders clear the line's top and descenders its bottom.
    const baseline = this.y - height + size * 0.45;
    for (const { text, indent = 0, color = INK } of cells) {
      if (text) this.page.drawText(text, { x: MARGIN + indent, y: baseline, size, font: this.font, color });
    }
    this.y -= height;
    return baseline;
  }

  text(text: string, options: { size?: number; indent?: number; color?: Color } = {}): void {
    const { size = BODY_SIZE, indent = 0, color } = options;
    for (const line of wrapText(text, this.font, size, this.width - indent)) this.line([{ text: line, indent, color }], size);
  }

  /** A label in the left column and its value, wrapped, in the right one. */
  field(label: string, value: string, size = BODY_SIZE): void {
    wrapText(value, this.font, size, this.width - LABEL_WIDTH).forEach((line, index) =>
      this.line([{ text: index === 0 ? label : '', color: MUTED }, { text: line, indent: LABEL_WIDTH }], size),
    );
  }

  section(title: string): void {
    this.gap(10);
    this.reserve(this.lineHeight(13) + this.lineHeight() * 2); // no heading alone at a page's foot
    this.line([{ text: title }], 13);
    this.rule();
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.5, color: RULE });
    this.gap(4);
  }

  /** A centred footer on each page of this flow; `text` gets the 1-based page number and the count. */
  footer(text: (page: number, pages: number) => string): void {
    const size = 8;
    this.pages.forEach((page, index) => {
      const line = text(index + 1, this.pages.length);
      const x = (A4[0] - this.font.widthOfTextAtSize(line, size)) / 2;
      page.drawText(line, { x, y: MARGIN / 2, size, font: this.font, color: MUTED });
    });
  }

  private addPage(): void {
    const page = this.doc.addPage(A4);
    const title = this.pages.length ? `${this.title}（续）` : this.title;
    this.pages.push(page);
    const x = (A4[0] - this.font.widthOfTextAtSize(title, TITLE_SIZE)) / 2;
    page.drawText(title, { x, y: A4[1] - MARGIN - TITLE_SIZE, size: TITLE_SIZE, font: this.font, color: INK });
    this.y = A4[1] - MARGIN - TITLE_SIZE * 2.5;
  }
}
