import { useMutation } from '@tanstack/react-query';
import { App } from 'antd';
import type { DownloadedFile } from '../api/request';
import { errorText } from './form-errors';

export interface TabTarget {
  /** What the clerk asked to see, for the messages: 「劳动合同（标准版）」. */
  label: string;
  /** Where the file is: a link the server signed, or a file fetched with the session. */
  load: () => Promise<string | DownloadedFile>;
  /** Which row asked, for a loading state on that row only. */
  key?: string | number;
}

/**
 * Opens a PDF or image in a new tab. The tab is opened on the click, before the file arrives, since a
 * popup blocker lets only a click open one and a slow network outlasts the click; it is pointed at
 * the file once it arrives, closed again if the file cannot be had, and when the browser blocked it
 * anyway the clerk gets a link to click.
 */
export function useOpenInTab() {
  const { message, modal } = App.useApp();
  return useMutation({
    mutationFn: async ({ label, load }: TabTarget) => {
      const tab = window.open('', '_blank');
      try {
        const target = await load();
        const url = typeof target === 'string' ? target : URL.createObjectURL(target.blob);
        if (typeof target !== 'string') setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
        if (!tab) {
          modal.info({
            title: '浏览器阻止了新窗口',
            content: (
              <a href={url} target="_blank" rel="noopener noreferrer">
                打开「{label}」
              </a>
            ),
          });
          return;
        }
        tab.opener = null;
        tab.location.href = url;
      } catch (error) {
        tab?.close();
        throw error;
      }
    },
    onError: (error, { label }) => message.error(`无法打开「${label}」：${errorText(error)}`),
  });
}
