import { ApiError } from '../../services/request';
import { showError } from '../../utils/feedback';

/** A signed link to a PDF and the moment it stops working. */
export interface PdfLink {
  url: string;
  expiresAt: number;
}

/** A minute of margin: a download started just before expiry must still get through on a slow network. */
const MARGIN_MS = 60_000;
const LINK_EXPIRED = 403;

/** The link an answer gives (`url` and `expires_in` seconds), as of now. */
export function pdfLink(url: string, expiresIn: number, now: number = Date.now()): PdfLink {
  return { url, expiresAt: now + expiresIn * 1000 - MARGIN_MS };
}

/**
 * Downloads the PDF and opens it in WeChat's viewer with its menu, where the worker can save it to the
 * phone or forward it. A page left open past the link's hour gets a new link from `renew` first (or when
 * the server refuses the old one), so “查看” always works. Answers the link used, for the next time.
 */
export async function openPdf(link: PdfLink, renew: () => Promise<PdfLink>): Promise<PdfLink> {
  wx.showLoading({ title: '正在打开合同…', mask: true });
  try {
    let current = Date.now() < link.expiresAt ? link : await renew();
    let download = await downloadFile(current.url);
    if (download.statusCode === LINK_EXPIRED && current === link) {
      current = await renew();
      download = await downloadFile(current.url);
    }
    if (download.statusCode !== 200) throw new ApiError(0, download.statusCode, '合同文件暂时无法下载，请稍后重试');
    await openDocument(download.tempFilePath);
    return current;
  } finally {
    wx.hideLoading();
  }
}

/** openPdf behind a page's button: a failure is shown to the worker. Answers the link to keep. */
export async function viewPdf(link: PdfLink | null, renew: () => Promise<PdfLink>): Promise<PdfLink | null> {
  if (!link) return null;
  try {
    return await openPdf(link, renew);
  } catch (error) {
    showError(error);
    return link;
  }
}

function downloadFile(url: string): Promise<WechatMiniprogram.DownloadFileSuccessCallbackResult> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({ url, success: resolve, fail: ({ errMsg }) => reject(new Error(errMsg)) });
  });
}

function openDocument(filePath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.openDocument({ filePath, fileType: 'pdf', showMenu: true, success: () => resolve(), fail: ({ errMsg }) => reject(new Error(errMsg)) });
  });
}
