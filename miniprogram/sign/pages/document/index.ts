import { ApiError } from '../../../services/request';
import { getSignedDocument } from '../../../services/sign';
import { showError } from '../../../utils/feedback';
import { formatBeijingTime, shortHash, type InfoRow } from '../../utils/format';
import { pdfLink, viewPdf, type PdfLink } from '../../utils/open-pdf';
import { backHome } from '../../utils/routes';

/**
 * The signed contract, free to view and download at any time (电子劳动合同订立指引): when and what was
 * signed, the file's SHA-256 to check a copy against, and the PDF in WeChat's viewer to save or forward.
 */

type Phase = 'loading' | 'load-failed' | 'not-signed' | 'ready';

type Data = {
  phase: Phase;
  rows: InfoRow[];
  sha256: string;
  /** Why there is no document (not signed yet). */
  message: string;
};

type Methods = {
  load(): Promise<void>;
  openDocument(): Promise<void>;
  copyHash(): void;
  backHome(): void;
};

type Custom = { link: PdfLink | null };

const NOT_FOUND = 404;

async function freshLink(): Promise<PdfLink> {
  const document = await getSignedDocument();
  return pdfLink(document.url, document.expires_in);
}

Component<Data, {}, Methods, [], Custom, true>({
  data: {
    phase: 'loading',
    rows: [],
    sha256: '',
    message: '',
  },
  lifetimes: {
    created() {
      this.link = null;
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      this.setData({ phase: 'loading' });
      try {
        const signed = await getSignedDocument();
        this.link = pdfLink(signed.url, signed.expires_in);
        const rows: InfoRow[] = [
          { label: '申请编号', value: signed.application_no },
          { label: '签署时间', value: formatBeijingTime(signed.signed_at) },
          ...(signed.timestamp_at ? [{ label: '可信时间戳', value: formatBeijingTime(signed.timestamp_at) }] : []),
          { label: 'SHA-256', value: shortHash(signed.sha256) },
        ];
        this.setData({ phase: 'ready', rows, sha256: signed.sha256 });
      } catch (error) {
        if (error instanceof ApiError && error.httpStatus === NOT_FOUND) {
          this.setData({ phase: 'not-signed', message: error.message });
          return;
        }
        showError(error);
        this.setData({ phase: 'load-failed' });
      }
    },

    async openDocument() {
      this.link = await viewPdf(this.link, freshLink);
    },

    copyHash() {
      // WeChat confirms the copy itself (“内容已复制”).
      wx.setClipboardData({ data: this.data.sha256 });
    },

    backHome,
  },
});
