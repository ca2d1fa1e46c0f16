/** Where the signing pages lead (the others are the home page's: pages/home/home-view.ts). */
export const HOME = '/pages/home/index';
export const SIGNATURE = '/sign/pages/signature/index';

/** Back to the status-driven home page, which always knows the next step. */
export function backHome(): void {
  wx.reLaunch({ url: HOME });
}
