import { ErrorCode } from '@shanqian/shared';
import { PDFDocument } from 'pdf-lib';
import { AppException } from '../../common/app.exception';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * The bytes of an uploaded contract template, judged by their content rather than the name or the
 * declared type: a PDF that pdf-lib can open (so one the approval can fill in later), not encrypted,
 * with at least one page. Anything else is refused before a byte is stored.
 */
export async function contractTemplatePdf(file: Express.Multer.File | undefined): Promise<Buffer> {
  if (!file?.buffer) throw new AppException(ErrorCode.UploadMissing, 'file: 请上传合同模板 PDF');
  if (file.buffer.length === 0) throw new AppException(ErrorCode.UploadMissing, 'file: 上传的文件是空的');
  if (!file.buffer.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw new AppException(ErrorCode.PdfRequired, 'file: 只支持 PDF 文件');
  let pages: number;
  try {
    // Throws EncryptedPDFError on an encrypted file: its text could not be filled in.
    pages = (await PDFDocument.load(file.buffer, { updateMetadata: false })).getPageCount();
  } catch {
    throw new AppException(ErrorCode.PdfRequired, 'file: PDF 无法打开（文件损坏或已加密）');
  }
  if (pages < 1) throw new AppException(ErrorCode.PdfRequired, 'file: PDF 没有任何页面');
  return file.buffer;
}
