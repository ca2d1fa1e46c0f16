import simulate from 'miniprogram-simulate';

/**
 * Helpers for specs that render pages and components with miniprogram-simulate. Load each one once per
 * spec file (`simulate.load` at the top): Jest's module registry runs its Component() call only on the
 * first require.
 */

export type Rendered = simulate.RootComponent<any, any, any>;

/**
 * Renders a page built with Component(), attaches it and runs its onLoad, as WeChat does on navigation.
 * `prepare` runs before attaching, e.g. to stub what a child component queries in its `ready`.
 */
export async function openPage(id: string, prepare?: (page: Rendered) => void): Promise<Rendered> {
  const page = simulate.render(id);
  prepare?.(page);
  page.attach(document.createElement('parent-wrapper'));
  page.instance.onLoad!({});
  await simulate.sleep(0);
  return page;
}

/** Fires an event (a Vant `click`, a `change` with its detail…) on the node and lets the handler run. */
export async function fire(root: Rendered, selector: string, event: string, detail?: unknown): Promise<void> {
  const target = root.querySelector(selector);
  if (!target) throw new Error(`${selector} is not rendered`);
  target.dispatchEvent(event, { detail });
  await simulate.sleep(0);
}

/**
 * wx storage in memory (miniprogram-simulate's own answers '' to every read); call in beforeEach.
 * Values are copied through JSON, as WeChat stores them.
 */
export function memoryStorage(): Map<string, unknown> {
  const storage = new Map<string, unknown>();
  jest.spyOn(wx, 'getStorageSync').mockImplementation((key: string) => (storage.has(key) ? storage.get(key) : ''));
  jest.spyOn(wx, 'setStorageSync').mockImplementation((key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value))));
  jest.spyOn(wx, 'removeStorageSync').mockImplementation((key: string) => void storage.delete(key));
  return storage;
}

/** What the worker reads on the node. */
export const text = (root: Rendered): string => root.dom?.textContent ?? '';

/** The local file WeChat would save a download to, in specs. */
export const DOWNLOADED_PDF = 'wxfile://tmp/document.pdf';

/** wx.downloadFile answering `statusFor(url)` (200 unless told) and wx.openDocument opening what it gets. */
export function stubPdfViewer(statusFor: (url: string) => number = () => 200) {
  const download = jest.spyOn(wx, 'downloadFile').mockImplementation((options) => {
    options.success!({ statusCode: statusFor(options.url), tempFilePath: DOWNLOADED_PDF } as WechatMiniprogram.DownloadFileSuccessCallbackResult);
    return undefined as never;
  });
  const open = jest.spyOn(wx, 'openDocument').mockImplementation((options) => {
    options.success!({ errMsg: 'openDocument:ok' });
    return undefined as never;
  });
  return { download, open };
}
