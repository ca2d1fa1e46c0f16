import { SIGN_STEPS } from '../../../pages/home/home-view';
import { ApiError } from '../../../services/request';
import { getContract } from '../../../services/sign';
import { showError } from '../../../utils/feedback';
import { termRows, type InfoRow } from '../../utils/format';
import { pdfLink, viewPdf, type PdfLink } from '../../utils/open-pdf';
import { backHome, SIGNATURE } from '../../utils/routes';

/**
 * Step 2 of signing: what will be signed. The key terms on a card the worker confirms, and the whole
 * filled contract (the very file that will be signed) to read in WeChat's PDF viewer.
 */

type Phase = 'loading' | 'load-failed' | 'not-ready' | 'ready';

type Data = {
  steps: typeof SIGN_STEPS;
  phase: Phase;
  applicationNo: string;
  rows: InfoRow[];
  /** The box “我已阅读并确认以上内容及合同全文”. */
  confirmed: boolean;
  /** Why there is no contract to sign now (not approved yet, cancelled…). */
  message: string;
};

type Methods = {
  load(): Promise<void>;
  openContract(): Promise<void>;
  onConfirm(event: WechatMiniprogram.BaseEvent & { detail: boolean }): void;
  toSignature(): void;
  backHome(): void;
};

type Custom = { link: PdfLink | null };

async function freshLink(): Promise<PdfLink> {
  const contract = await getContract();
  return pdfLink(contract.preview_url, contract.expires_in);
}

Component<Data, {}, Methods, [], Custom, true>({
  data: {
    steps: SIGN_STEPS,
    phase: 'loading',
    applicationNo: '',
    rows: [],
    confirmed: false,
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
        const contract = await getContract();
        this.link = pdfLink(contract.preview_url, contract.expires_in);
        this.setData({ phase: 'ready', applicationNo: contract.application_no, rows: termRows(contract.terms) });
      } catch (error) {
        // 409: not (or no longer) waiting for a signature; 404: no resume. Both are answers, not failures.
        if (error instanceof ApiError && (error.httpStatus === 409 || error.httpStatus === 404)) {
          this.setData({ phase: 'not-ready', message: error.message });
          return;
        }
        showError(error);
        this.setData({ phase: 'load-failed' });
      }
    },

    async openContract() {
      this.link = await viewPdf(this.link, freshLink);
    },

    onConfirm(event) {
      this.setData({ confirmed: event.detail });
    },

    toSignature() {
      if (!this.data.confirmed) {
        wx.showToast({ title: '请先阅读合同并勾选确认', icon: 'none' });
        return;
      }
      wx.navigateTo({ url: SIGNATURE });
    },

    backHome,
  },
});
