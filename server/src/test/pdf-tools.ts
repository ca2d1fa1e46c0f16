import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { embedCjkFont } from '../sign/pdf/cjk-font';
import { A4 } from '../sign/pdf/page-flow';

const run = promisify(execFile);

/** Runs `fn` with a PDF written to a fresh temporary directory, which is removed afterwards. */
async function withPdfFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-tools-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await fn(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An external tool's stdout and stderr, also when it exits non-zero (pdfsig does for invalid signatures). */
async function tool(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout === undefined) throw error;
    return { stdout, stderr: stderr ?? '' };
  }
}

/**
 * poppler's pdfsig on `pdf`. `valid` means every signature reads "Signature is Valid." (pdfsig
 * calls our self-signed certificate's issuer untrusted or unknown; that line is not about validity).
 */
export async function pdfsig(pdf: Uint8Array): Promise<{ valid: boolean; output: string }> {
  return withPdfFile(pdf, async (file) => {
    const { stdout, stderr } = await tool('/usr/bin/pdfsig', [file]);
    const output = stdout + stderr;
    const verdicts = [...output.matchAll(/Signature Validation: (.*)/g)].map((match) => match[1].trim());
    return { valid: verdicts.length > 0 && verdicts.every((verdict) => verdict === 'Signature is Valid.'), output };
  });
}

/** The text poppler extracts from `pdf` (all pages, layout kept). */
export async function pdftotext(pdf: Uint8Array): Promise<string> {
  return withPdfFile(pdf, async (file) => (await tool('/usr/bin/pdftotext', ['-layout', file, '-'])).stdout);
}

/**
 * Page `page` (1-based) rendered by poppler at `dpi`, with poppler's complaints: a font it cannot
 * use shows up in `stderr` ("Embedded font file may be invalid") while the PNG shows blank glyphs.
 */
export async function renderPagePng(pdf: Uint8Array, page: number, dpi = 60): Promise<{ png: Buffer; stderr: string }> {
  return withPdfFile(pdf, async (file, dir) => {
    const prefix = join(dir, 'page');
    const { stderr } = await tool('/usr/bin/pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
    return { png: await readFile(`${prefix}.png`), stderr };
  });
}

/**
 * An A4 contract template of `pages` pages with Chinese text on each; `fields` adds AcroForm text
 * fields of those names to the first page, as an HR admin's form template would have.
 */
export async function makeTemplatePdf(pages: number, fields: string[] = []): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await embedCjkFont(doc);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage(A4);
    page.drawText('劳动合同', { x: 260, y: 770, size: 20, font });
    page.drawText(`第 ${i} 页，共 ${pages} 页：甲乙双方依据《中华人民共和国劳动合同法》订立本合同。`, { x: 60, y: 720, size: 11, font });
  }
  if (fields.length) {
    const form = doc.getForm();
    fields.forEach((name, index) => {
      const field = form.createTextField(name);
      field.addToPage(doc.getPage(0), { x: 160, y: 660 - index * 30, width: 300, height: 22, font });
    });
  }
  return Buffer.from(await doc.save());
}

/**
 * A handwritten-looking signature: `name` drawn large and rendered by poppler to a PNG, as the
 * mini-program's canvas would export it.
 */
export async function signatureImage(name: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await embedCjkFont(doc);
  doc.addPage([240, 96]).drawText(name, { x: 24, y: 30, size: 48, font });
  return (await renderPagePng(await doc.save(), 1, 144)).png;
}
