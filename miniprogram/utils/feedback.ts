import { ApiError, NetworkError } from '../services/request';

/** What a worker reads when the phone could not reach the server. */
const NETWORK_MESSAGE = '网络不太好，请稍后重试';
const UNKNOWN_MESSAGE = '出了点问题，请稍后重试';
/** A toast shows about two lines; longer messages go to a dialog so nothing is cut off. */
const TOAST_MAX_CHARS = 18;

/** The one place errors reach the user, always in plain Chinese. */
export function showError(error: unknown): void {
  const text = errorText(error);
  if (text.length <= TOAST_MAX_CHARS) {
    wx.showToast({ title: text, icon: 'none', duration: 2500 });
  } else {
    wx.showModal({ title: '提示', content: text, showCancel: false, confirmText: '知道了' });
  }
}

/** The sentence `showError` shows, for pages that put it next to a field instead. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof NetworkError ? NETWORK_MESSAGE : UNKNOWN_MESSAGE;
}
